package io.lakestream.bench.state;

import io.lakestream.bench.CheckpointBreakdown;
import io.lakestream.bench.CheckpointHistory;
import io.lakestream.bench.FlinkRest;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeStats;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.state.CheckpointSettings;
import io.lakestream.state.StateSettings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of {@code run --pipelines ingest,user_daily --mode stream --until latest} with one state
 * backend, on a MiniCluster of two TaskManagers with one slot each (parallelism 2, so both hold
 * tasks). Once a checkpoint completes with a third of the topic committed, TaskManager 0 is
 * terminated — its tasks fail as on a lost machine — and a replacement is started, as a supervisor
 * would; the job restarts from that checkpoint. Measured through the REST API: when every task runs
 * again and when the first checkpoint after the failure completes. The lake is then counted.
 */
final class BackendRun {

    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** The share of the topic checkpointed before the failure: mid-run, with state to restore. */
    static final double FAIL_AFTER_SHARE = 1.0 / 3;

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FAILOVER_SEEN_WITHIN = Duration.ofSeconds(60);

    /**
     * The failure and recovery, epoch ms.
     *
     * @param checkpointBefore the last checkpoint completed before the failure
     * @param failedMillis when the TaskManager was terminated
     * @param runningMillis when every task ran again
     * @param checkpointAfterMillis when the first checkpoint triggered after the failure completed,
     *     or 0 if none did before the input ended
     */
    record Recovery(
            long checkpointBefore,
            long failedMillis,
            long runningMillis,
            long checkpointAfterMillis) {

        double toRunningSeconds() {
            return (runningMillis - failedMillis) / 1000.0;
        }

        double toCheckpointSeconds() {
            return checkpointAfterMillis == 0
                    ? Double.NaN
                    : (checkpointAfterMillis - failedMillis) / 1000.0;
        }
    }

    /**
     * What one run measured.
     *
     * @param records the topic's records, all read
     * @param seconds submission to the job's end, recovery included
     * @param recovery empty if the input ended before the failure was due
     */
    record Result(
            StateBackendKind backend,
            long records,
            double seconds,
            List<CheckpointHistory.Completed> checkpoints,
            Map<Long, CheckpointBreakdown> breakdowns,
            List<CheckpointHistory.Failed> failed,
            long durationP50,
            long durationP99,
            Optional<Recovery> recovery,
            long lakeEvents,
            long lakeUserDays) {

        double recordsPerSecond() {
            return records / seconds;
        }

        CheckpointHistory.Completed last() {
            return checkpoints.get(checkpoints.size() - 1);
        }

        /**
         * The completed checkpoints without the last: a run that reads to {@code --until latest}
         * ends with a checkpoint Flink takes after the end of the input (the sinks commit on it),
         * which a stream that never ends does not have.
         */
        List<CheckpointHistory.Completed> beforeTheEnd() {
            return checkpoints.subList(0, checkpoints.size() - 1);
        }

        /** The q-quantile of {@link #beforeTheEnd()}'s durations, -1 if there are none. */
        long beforeTheEndQuantile(double q) {
            return CheckpointHistory.quantile(beforeTheEnd(), q);
        }
    }

    private final String bootstrap;
    private final String topic;
    private final long dedupIdsPerDay;
    private final PrintStream log;

    /**
     * @param dedupIdsPerDay what the dedup's Bloom filters are sized for ({@code
     *     --dedup-ids-per-day}): a filter past its size sends most ids to a state read
     */
    BackendRun(String bootstrap, String topic, long dedupIdsPerDay, PrintStream log) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.dedupIdsPerDay = dedupIdsPerDay;
        this.log = log;
    }

    Result run(StateBackendKind backend, Path lake, Path stateDir, String runId) throws Exception {
        Configuration clusterConf = new Configuration();
        clusterConf.set(RestOptions.BIND_PORT, "0");
        // the REST API's view of the job fresh at every poll, and every checkpoint in its history
        clusterConf.set(WebOptions.REFRESH_INTERVAL, POLL);
        clusterConf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 10_000);
        MiniClusterConfiguration clusterSpec =
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(clusterConf)
                        .setNumTaskManagers(2)
                        .setNumSlotsPerTaskManager(1)
                        .build();
        try (MiniCluster cluster = new MiniCluster(clusterSpec)) {
            cluster.start();
            URI rest = cluster.getRestAddress().get();
            RunSpec spec =
                    RunPlanner.plan(
                            RunSpec.builder()
                                    .mode(RunMode.STREAM)
                                    .lake(lake.toAbsolutePath().toString())
                                    .bootstrap(bootstrap)
                                    .topic(topic)
                                    .pipelines(List.of("ingest", "user_daily"))
                                    .untilLatest(true)
                                    .dedupIdsPerDay(dedupIdsPerDay)
                                    .runId(runId)
                                    .build(),
                            Duration.ofSeconds(30));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createRemoteEnvironment(
                            rest.getHost(), rest.getPort(), jobConfiguration(backend, stateDir));
            try (GroupProgress progress = new GroupProgress(bootstrap, topic, spec.groupId)) {
                long t0 = System.nanoTime();
                long t0Millis = System.currentTimeMillis();
                JobRunner.Submitted submitted = JobRunner.submit(env, spec);
                CompletableFuture<JobRunner.RunResult> end =
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return submitted.awaitAndFinalise();
                                    } catch (Exception e) {
                                        throw new CompletionException(e);
                                    }
                                });
                FlinkRest api =
                        new FlinkRest(rest.toString(), submitted.client().getJobID().toString());
                CheckpointHistory history = new CheckpointHistory();
                Breakdowns breakdowns = new Breakdowns();
                Optional<Recovery> recovery =
                        watch(cluster, api, history, breakdowns, progress, end);
                double seconds = (System.nanoTime() - t0) / 1e9;
                api.checkpoints().ifPresent(history::add);
                breakdowns.collect(api, history);
                for (CheckpointHistory.Failed f : history.failed()) {
                    log.printf(
                            "state: %s: checkpoint %d triggered at +%.1f s failed after %.1f s: %s%n",
                            backend.label,
                            f.id(),
                            (f.triggerMillis() - t0Millis) / 1000.0,
                            (f.failureMillis() - f.triggerMillis()) / 1000.0,
                            f.message());
                }
                for (CheckpointHistory.Completed c : history.completed()) {
                    CheckpointBreakdown b = breakdowns.byId.get(c.id());
                    if (b == null) {
                        log.printf("state: %s: checkpoint %d: no details%n", backend.label, c.id());
                        continue;
                    }
                    CheckpointBreakdown.Subtask s = b.slowest();
                    log.printf(
                            "state: %s: checkpoint %d (%s) at +%.1f s took %.1f s; slowest %s[%d]:"
                                    + " start delay %.1f s, alignment %.1f s, sync %.1f s, async"
                                    + " %.1f s, %,d bytes in flight stored%n",
                            backend.label,
                            c.id(),
                            b.type(),
                            (c.triggerMillis() - t0Millis) / 1000.0,
                            c.durationMillis() / 1000.0,
                            s.task(),
                            s.index(),
                            s.startDelay() / 1000.0,
                            s.alignment() / 1000.0,
                            s.sync() / 1000.0,
                            s.async() / 1000.0,
                            s.persistedBytes());
                }
                recovery =
                        recovery.map(
                                r ->
                                        new Recovery(
                                                r.checkpointBefore(),
                                                r.failedMillis(),
                                                r.runningMillis(),
                                                history.firstTriggeredFrom(r.failedMillis())
                                                        .map(
                                                                CheckpointHistory.Completed
                                                                        ::completedMillis)
                                                        .orElse(0L)));
                if (history.completed().isEmpty()) {
                    throw new IllegalStateException(
                            backend.label + ": the run ended before any checkpoint completed");
                }
                LakeStats stats = new LakeStats(LakeReader.local(lake));
                return new Result(
                        backend,
                        progress.records(),
                        seconds,
                        history.completed(),
                        breakdowns.byId,
                        history.failed(),
                        history.durationQuantile(0.5),
                        history.durationQuantile(0.99),
                        recovery,
                        stats.table("events", Integer.MAX_VALUE).rows(),
                        stats.table("user_daily", Integer.MAX_VALUE).rows());
            }
        }
    }

    /** Lakestream's stream settings with the state backend under test. */
    private static Configuration jobConfiguration(StateBackendKind backend, Path stateDir) {
        Configuration conf =
                new StateSettings(
                                CheckpointSettings.defaults(CHECKPOINT_INTERVAL),
                                stateDir.resolve("checkpoints").toAbsolutePath().toUri().toString())
                        .streaming();
        conf.set(StateBackendOptions.STATE_BACKEND, backend.flinkName);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        return conf;
    }

    /**
     * Follows the job to its end, collecting its checkpoints, and fails it once; returns the
     * failure and when the tasks ran again (empty if the input ended first).
     */
    private Optional<Recovery> watch(
            MiniCluster cluster,
            FlinkRest api,
            CheckpointHistory history,
            Breakdowns breakdowns,
            GroupProgress progress,
            CompletableFuture<JobRunner.RunResult> end)
            throws Exception {
        long failedAt = 0;
        long checkpointBefore = -1;
        boolean failoverSeen = false;
        long runningAt = 0;
        while (!finished(end)) {
            api.checkpoints().ifPresent(history::add);
            breakdowns.collect(api, history);
            if (failedAt == 0) {
                // the offsets move only when a checkpoint completes: the first poll that sees a
                // third of the topic committed comes right after the checkpoint that did it
                double share = progress.committedShare();
                Optional<CheckpointHistory.Completed> latest = history.latest();
                if (share >= FAIL_AFTER_SHARE && share < 1 && latest.isPresent()) {
                    failedAt = System.currentTimeMillis();
                    checkpointBefore = latest.get().id();
                    cluster.terminateTaskManager(0).get();
                    cluster.startTaskManager();
                    log.printf(
                            "state: TaskManager terminated after checkpoint %d (%.0f %% of the"
                                    + " topic committed); a replacement started%n",
                            checkpointBefore, share * 100);
                }
            } else if (runningAt == 0) {
                boolean running = api.allTasksRunning();
                if (!failoverSeen) {
                    failoverSeen = !running || history.restoredId() >= 0;
                    if (!failoverSeen
                            && System.currentTimeMillis() - failedAt
                                    > FAILOVER_SEEN_WITHIN.toMillis()) {
                        throw new IllegalStateException(
                                "terminating a TaskManager did not restart the job's tasks");
                    }
                } else if (running) {
                    runningAt = System.currentTimeMillis();
                }
            }
        }
        end.join(); // rethrows a failed run
        if (failedAt == 0) {
            return Optional.empty();
        }
        if (runningAt == 0) {
            throw new IllegalStateException(
                    "the job ended before its tasks were seen running again after the failure");
        }
        return Optional.of(new Recovery(checkpointBefore, failedAt, runningAt, 0));
    }

    /** The breakdown of every completed checkpoint, fetched once each. */
    static final class Breakdowns {
        final Map<Long, CheckpointBreakdown> byId = new TreeMap<>();
        private Map<String, String> names = Map.of();

        void collect(FlinkRest api, CheckpointHistory history) throws InterruptedException {
            for (CheckpointHistory.Completed c : history.completed()) {
                if (byId.containsKey(c.id())) {
                    continue;
                }
                if (names.isEmpty()) {
                    names = api.vertexNames();
                }
                api.checkpointBreakdown(c.id(), names).ifPresent(b -> byId.put(c.id(), b));
            }
        }
    }

    /** Waits up to one poll interval for the job's end. */
    private static boolean finished(CompletableFuture<?> end) throws InterruptedException {
        try {
            end.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
