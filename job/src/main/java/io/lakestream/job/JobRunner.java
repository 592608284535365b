package io.lakestream.job;

import io.lakestream.connectors.lake.LakeFinalizer;
import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.quality.QualityGate;
import io.lakestream.job.lineage.LineageConfig;
import io.lakestream.job.lineage.RunLineage;
import io.lakestream.pipelines.ingest.RunCounter;
import io.lakestream.pipelines.job.LakestreamJob;
import io.lakestream.pipelines.job.OperatorUids;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.privacy.PseudonymizeEvents;
import io.lakestream.pipelines.skew.HotKeyFlags;
import io.lakestream.pipelines.skew.SubtaskLoad;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Runs a planned {@link RunSpec} on whatever environment it is given — an embedded MiniCluster, or
 * the cluster that {@code flink run} or application mode provides — and finalises its tables when
 * the job ends: the last partitions of a bounded stream are published and a backfill's staged
 * partitions swapped in (Flink does not hand a bounded job's final commit to a post-commit
 * topology; docs/decisions/0001). That is why a bounded run must be followed, not detached.
 *
 * <p>It also emits the run's OpenLineage events ({@link RunLineage}): START before submitting, the
 * published partitions and COMPLETE after finalising, FAIL when the job or the finalising fails.
 */
public final class JobRunner {

    private JobRunner() {}

    /** Executes the run, waits for its end, and finalises its tables. */
    public static RunResult execute(StreamExecutionEnvironment env, RunSpec spec) throws Exception {
        return execute(env, spec, LineageConfig.FILES_ONLY);
    }

    /** As {@link #execute(StreamExecutionEnvironment, RunSpec)}, with lineage sent per config. */
    public static RunResult execute(
            StreamExecutionEnvironment env, RunSpec spec, LineageConfig lineageConfig)
            throws Exception {
        List<LakeSinkConfig> sinks = LakestreamJob.compose(env, spec);
        RunLineage lineage = RunLineage.of(spec, tables(sinks), lineageConfig);
        long start = System.nanoTime();
        lineage.started();
        try {
            JobExecutionResult result = env.execute(graph(env, spec));
            return finish(spec, sinks, result, start, lineage);
        } catch (Exception | Error e) {
            lineage.failed(e);
            throw e;
        }
    }

    /**
     * Submits the run without waiting for it, e.g. an unbounded stream that publishes its
     * partitions as its watermark passes them. Nothing is finalised.
     */
    public static JobClient start(StreamExecutionEnvironment env, RunSpec spec) throws Exception {
        return submit(env, spec).client();
    }

    /** As {@link #start(StreamExecutionEnvironment, RunSpec)}, with lineage sent per config. */
    public static JobClient start(
            StreamExecutionEnvironment env, RunSpec spec, LineageConfig lineageConfig)
            throws Exception {
        return submit(env, spec, lineageConfig).client();
    }

    /**
     * Submits the run; {@link Submitted#awaitAndFinalise()} then follows it to its end, so a caller
     * can say which job it submitted (its id, its web UI page) before it waits.
     */
    public static Submitted submit(StreamExecutionEnvironment env, RunSpec spec) throws Exception {
        return submit(env, spec, LineageConfig.FILES_ONLY);
    }

    /** As {@link #submit(StreamExecutionEnvironment, RunSpec)}, with lineage sent per config. */
    public static Submitted submit(
            StreamExecutionEnvironment env, RunSpec spec, LineageConfig lineageConfig)
            throws Exception {
        List<LakeSinkConfig> sinks = LakestreamJob.compose(env, spec);
        RunLineage lineage = RunLineage.of(spec, tables(sinks), lineageConfig);
        long start = System.nanoTime();
        lineage.started();
        try {
            return new Submitted(spec, sinks, env.executeAsync(graph(env, spec)), start, lineage);
        } catch (Exception | Error e) {
            lineage.failed(e);
            throw e;
        }
    }

    /** A submitted run, to follow. */
    public record Submitted(
            RunSpec spec,
            List<LakeSinkConfig> sinks,
            JobClient client,
            long startNanos,
            RunLineage lineage) {

        /** Waits for the job's end, then finalises the run's tables. */
        public RunResult awaitAndFinalise() throws Exception {
            try {
                JobExecutionResult result = client.getJobExecutionResult().get();
                return finish(spec, sinks, result, startNanos, lineage);
            } catch (Exception | Error e) {
                lineage.failed(e);
                throw e;
            }
        }
    }

    private static List<String> tables(List<LakeSinkConfig> sinks) {
        return sinks.stream().map(LakeSinkConfig::table).distinct().toList();
    }

    private static RunResult finish(
            RunSpec spec,
            List<LakeSinkConfig> sinks,
            JobExecutionResult result,
            long startNanos,
            RunLineage lineage)
            throws IOException {
        LakeFinalizer.Finished finished = LakeFinalizer.finishAll(sinks);
        Map<String, Integer> published = finished.published();
        lineage.completed();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name :
                List.of(
                        RunCounter.VALID,
                        RunCounter.DUPLICATES,
                        RunCounter.LATE,
                        RunCounter.QUARANTINED,
                        RunCounter.RESTARTS,
                        PseudonymizeEvents.FORGOTTEN)) {
            Object value = result.getAccumulatorResult(name);
            counts.put(name, value == null ? 0L : ((Number) value).longValue());
        }
        // a stream's committers quarantine inside the job, the finaliser at its end
        Object quarantinedInJob = result.getAccumulatorResult(QualityGate.QUARANTINED_PARTITIONS);
        counts.put(
                QualityGate.QUARANTINED_PARTITIONS,
                (quarantinedInJob == null ? 0L : ((Number) quarantinedInJob).longValue())
                        + finished.quarantined());
        return new RunResult(
                spec,
                result.getJobID().toString(),
                (System.nanoTime() - startNanos) / 1_000_000,
                counts,
                published,
                SubtaskLoad.of(result.getAllAccumulatorResults()),
                HotKeyFlags.of(result.getAllAccumulatorResults()));
    }

    /** The job's graph, refused if an operator lacks a uid (savepoint compatibility). */
    private static StreamGraph graph(StreamExecutionEnvironment env, RunSpec spec) {
        StreamGraph graph = env.getStreamGraph();
        OperatorUids.requireAll(graph);
        graph.setJobName("lakestream " + spec.mode.label() + " " + spec.runId);
        return graph;
    }

    /** What a finished run did. */
    public record RunResult(
            RunSpec spec,
            String jobId,
            long millis,
            Map<String, Long> counts,
            Map<String, Integer> finalisedPartitions,
            Map<String, long[]> loadPerSubtask,
            Map<String, Long> hotKeys) {

        /**
         * The lines a finished run prints: its counts, what it published at the end, and the
         * records per subtask of the keyed stages that count them ({@link SubtaskLoad}).
         */
        public String summary() {
            StringBuilder s =
                    new StringBuilder(
                            String.format(
                                    "Run %s finished in %.1f s: %s%nPartitions published at the"
                                            + " end: %s",
                                    spec.runId,
                                    millis / 1000.0,
                                    describeCounts(),
                                    finalisedPartitions));
            long quarantined = counts.getOrDefault(QualityGate.QUARANTINED_PARTITIONS, 0L);
            if (quarantined > 0) {
                s.append(
                        String.format(
                                "%n%,d partitions quarantined by the quality gate (see their"
                                        + " _QUALITY.json)",
                                quarantined));
            }
            if (!hotKeys.isEmpty()) {
                s.append(System.lineSeparator()).append("Hot keys salted (flags of all subtasks):");
                hotKeys.forEach((stage, n) -> s.append(String.format(" %s %,d;", stage, n)));
            }
            loadPerSubtask.forEach(
                    (stage, perSubtask) ->
                            s.append(System.lineSeparator())
                                    .append(describeLoad(stage, perSubtask)));
            return s.toString();
        }

        /**
         * E.g. {@code Records per subtask of training_examples/profile: 1,020 998 ... (max/mean
         * 1.03)}.
         */
        public static String describeLoad(String stage, long[] perSubtask) {
            StringBuilder s = new StringBuilder("Records per subtask of " + stage + ":");
            for (long n : perSubtask) {
                s.append(String.format(" %,d", n));
            }
            return s.append(String.format(" (max/mean %.2f)", SubtaskLoad.maxOverMean(perSubtask)))
                    .toString();
        }

        /** E.g. {@code 998,971 events on time, 10,065 duplicates dropped, ...}. */
        public String describeCounts() {
            long valid = counts.get(RunCounter.VALID);
            long duplicates = counts.get(RunCounter.DUPLICATES);
            long late = counts.get(RunCounter.LATE);
            long forgotten = counts.getOrDefault(PseudonymizeEvents.FORGOTTEN, 0L);
            return String.format(
                    "%,d valid events read: %s%,d duplicates dropped, %,d late (to _late_events),"
                            + " %,d kept; %,d records quarantined",
                    valid,
                    spec.keyStore == null
                            ? ""
                            : String.format("%,d of forgotten users dropped, ", forgotten),
                    duplicates,
                    late,
                    valid - forgotten - duplicates - late,
                    counts.get(RunCounter.QUARANTINED));
        }
    }
}
