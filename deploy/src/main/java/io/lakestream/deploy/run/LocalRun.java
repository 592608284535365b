package io.lakestream.deploy.run;

import io.lakestream.connectors.kafka.ReplayPlan;
import io.lakestream.connectors.kafka.ReplayPlanner;
import io.lakestream.connectors.lake.LakeFinalizer;
import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.source.LakeScan;
import io.lakestream.connectors.lake.source.LakeScanException;
import io.lakestream.connectors.lake.source.LakeScanner;
import io.lakestream.pipelines.ingest.RunCounter;
import io.lakestream.pipelines.job.LakestreamJob;
import io.lakestream.pipelines.job.OperatorUids;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import io.lakestream.state.StateSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Runs a {@link RunSpec} on an embedded Flink MiniCluster (with the web UI when a port is given):
 * checks the source, plans a backfill's offsets, executes the job, then finalises its tables
 * (publishes the last partitions; swaps a backfill's staged partitions in).
 */
public final class LocalRun {

    private final int parallelism;
    private final Duration checkpointInterval;
    private final Path stateDir;
    private final int webUiPort;

    /**
     * @param webUiPort port of the Flink web UI, or 0 for none
     * @param stateDir where stream checkpoints are kept (never inside the lake)
     */
    public LocalRun(int parallelism, Duration checkpointInterval, Path stateDir, int webUiPort) {
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.stateDir = stateDir;
        this.webUiPort = webUiPort;
    }

    /**
     * Resolves what the run reads: the topic must exist; a Kafka backfill gets its offsets; a lake
     * backfill its partitions and files (only the dates in range are listed).
     *
     * @throws LakeScanException if a committed partition in range is damaged
     * @throws IllegalArgumentException if the lake has nothing committed in range
     */
    public static RunSpec plan(RunSpec spec, Duration kafkaTimeout) throws IOException {
        if (spec.source == SourceKind.LAKE) {
            return withLakeScans(spec).build();
        }
        ReplayPlanner planner = new ReplayPlanner(spec.bootstrap, kafkaTimeout);
        if (spec.source == SourceKind.LAKE_KAFKA) {
            RunSpec.Builder b = withLakeScans(spec);
            // Kafka takes over where the lake's contiguous coverage ends, less max-delay for
            // producer clock skew: an event of a later hour was ingested after that hour began
            long covered = b.build().eventsScan.coveredUntil();
            long kafkaFrom = Math.max(spec.replayStartMillis(), covered - spec.maxDelay.toMillis());
            ReplayPlan plan = planner.plan(spec.topic, kafkaFrom, spec.replayEndMillis());
            return b.topicPartitions(plan.partitions()).replay(plan).build();
        }
        if (spec.mode == RunMode.STREAM) {
            return spec.toBuilder().topicPartitions(planner.partitions(spec.topic).size()).build();
        }
        ReplayPlan plan =
                planner.plan(spec.topic, spec.replayStartMillis(), spec.replayEndMillis());
        return spec.toBuilder().topicPartitions(plan.partitions()).replay(plan).build();
    }

    private static RunSpec.Builder withLakeScans(RunSpec spec) throws IOException {
        LakeScanner lake = LakeScanner.of(spec.lake);
        LakeScan events = lake.scan("events", PartitionScheme.DATE_HOUR, spec.from, spec.to);
        if (events.isEmpty()) {
            throw new IllegalArgumentException(
                    "the lake "
                            + spec.lake
                            + " has no committed events partition from "
                            + spec.from
                            + " to "
                            + spec.to
                            + ": run ingest first, or use --source kafka");
        }
        LakeScan late = lake.scan("_late_events", PartitionScheme.DATE, spec.from, spec.to);
        return spec.toBuilder().lakeScans(events, late.isEmpty() ? null : late);
    }

    /** Executes a planned run and finalises its tables; returns what was published. */
    public RunResult execute(RunSpec spec) throws Exception {
        StreamExecutionEnvironment env = environment(spec);
        List<LakeSinkConfig> sinks = LakestreamJob.compose(env, spec);
        long start = System.nanoTime();
        JobExecutionResult result = env.execute(graph(env, spec));
        Map<String, Integer> published = finalise(sinks);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name :
                List.of(
                        RunCounter.VALID,
                        RunCounter.DUPLICATES,
                        RunCounter.LATE,
                        RunCounter.QUARANTINED)) {
            Object value = result.getAccumulatorResult(name);
            counts.put(name, value == null ? 0L : ((Number) value).longValue());
        }
        return new RunResult(
                spec,
                result.getJobID().toString(),
                (System.nanoTime() - start) / 1_000_000,
                counts,
                published);
    }

    /**
     * Starts a planned run without waiting for it, e.g. an unbounded stream that the caller cancels
     * through the returned client. Nothing is finalised: an unbounded stream publishes its
     * partitions as its watermark passes them.
     */
    public JobClient start(RunSpec spec) throws Exception {
        StreamExecutionEnvironment env = environment(spec);
        LakestreamJob.compose(env, spec);
        return env.executeAsync(graph(env, spec));
    }

    /** The job's graph, refused if an operator lacks a uid (savepoint compatibility). */
    private static StreamGraph graph(StreamExecutionEnvironment env, RunSpec spec) {
        StreamGraph graph = env.getStreamGraph();
        OperatorUids.requireAll(graph);
        graph.setJobName("lakestream " + spec.mode.label() + " " + spec.runId);
        return graph;
    }

    private StreamExecutionEnvironment environment(RunSpec spec) {
        StateSettings settings =
                new StateSettings(
                        checkpointInterval,
                        stateDir.resolve("checkpoints").toAbsolutePath().toUri().toString());
        Configuration conf = spec.mode == RunMode.STREAM ? settings.streaming() : settings.batch();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        if (webUiPort > 0) {
            conf.set(RestOptions.PORT, webUiPort);
            return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        }
        return StreamExecutionEnvironment.createLocalEnvironment(conf);
    }

    private static Map<String, Integer> finalise(List<LakeSinkConfig> sinks) throws IOException {
        Map<String, Integer> published = new LinkedHashMap<>();
        for (LakeSinkConfig sink : sinks) {
            published.put(sink.table(), LakeFinalizer.finish(sink));
        }
        return published;
    }

    /** What a finished run did. */
    public record RunResult(
            RunSpec spec,
            String jobId,
            long millis,
            Map<String, Long> counts,
            Map<String, Integer> finalisedPartitions) {

        /** E.g. {@code 998,971 events on time, 10,065 duplicates dropped, ...}. */
        public String describeCounts() {
            long valid = counts.get(RunCounter.VALID);
            long duplicates = counts.get(RunCounter.DUPLICATES);
            long late = counts.get(RunCounter.LATE);
            return String.format(
                    "%,d valid events read: %,d duplicates dropped, %,d late (to _late_events),"
                            + " %,d kept; %,d records quarantined",
                    valid,
                    duplicates,
                    late,
                    valid - duplicates - late,
                    counts.get(RunCounter.QUARANTINED));
        }
    }
}
