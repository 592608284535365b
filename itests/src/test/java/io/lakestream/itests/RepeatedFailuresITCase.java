package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.testing.LongVariants;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated random task failures in the real ingest pipeline (Kafka → decode → dedup → lake, the job
 * of {@code lakestream run --pipelines ingest --mode stream --until latest}) on a MiniCluster of
 * two TaskManagers with RocksDB and short checkpoints: a source reader throws {@code N} times, at
 * seeded random points spread over the stream (after checkpoint 1, and preferably after a
 * checkpoint newer than the last restored one: see {@link SourceProbe}), so every failure has data
 * in flight and files in progress, and every restart restores a checkpoint. The lake must equal the
 * plain-Java oracle over the generated input, as multisets.
 *
 * <p>The seed is printed; {@code -Dlakestream.faults.seed=S} replays a run's data and failure
 * points. {@code -Preliability-long} runs more failures over more events.
 */
class RepeatedFailuresITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(300);

    /**
     * The pace of the input, as a live stream arrives (within what two cores sustain): read as a
     * backlog, the job is back-pressured, aligned checkpoints lag behind the failures, and every
     * restart would restore checkpoint 1 again.
     */
    private static final double RECORDS_PER_SECOND = 4_000;

    @TempDir Path work;

    @Test
    void everyEventLandsExactlyOnceAcrossRepeatedRandomTaskFailures() throws Exception {
        long seed = Long.getLong("lakestream.faults.seed", new Random().nextLong());
        int failures = LongVariants.pick(5, 20);
        int eventCount = LongVariants.pick(60_000, 400_000);
        System.out.printf(
                "RepeatedFailuresITCase: seed %d (-Dlakestream.faults.seed=%d replays it),"
                        + " %d failures, %d events%n",
                seed, seed, failures, eventCount);

        String topic = "events-repeated-failures";
        GeneratorConfig config =
                GeneratorConfig.builder(eventCount, seed)
                        .users(500)
                        .items(300)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.005)
                        .partitions(ObservedEnvironment.PARALLELISM)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        List<GeneratedRecord> records = EventGenerator.generateAll(config);
        GeneratedTruth truth = new GeneratedTruth(records);
        long[][] windows = failureWindows(new Random(seed), failures, records.size());
        System.out.println(
                "failure windows (records read, replays included): "
                        + Arrays.toString(windows[0])
                        + " .. "
                        + Arrays.toString(windows[1]));

        Path lake = work.resolve("lake");
        RunSpec spec =
                RunPlanner.plan(
                        RunSpec.builder()
                                .mode(RunMode.STREAM)
                                .lake(lake.toString())
                                .bootstrap(KAFKA.bootstrapServers())
                                .topic(topic)
                                .pipelines(List.of("ingest"))
                                .untilLatest(true)
                                .runId("repeated-failures")
                                .build(),
                        Duration.ofSeconds(30));
        long start = System.nanoTime();
        try (SourceProbe probe = SourceProbe.failing("repeated-failures", windows[0], windows[1])) {
            JobRunner.Submitted run =
                    JobRunner.submit(
                            ObservedEnvironment.streaming(
                                            probe, CHECKPOINT_INTERVAL, work, restarts(failures))
                                    .pacedAt(RECORDS_PER_SECOND),
                            spec);
            run.client().getJobExecutionResult().get(10, TimeUnit.MINUTES);
            run.awaitAndFinalise();
            System.out.printf(
                    "stream with %d failures finished in %.1f s, %d records read (with replays)%n",
                    probe.failures(), (System.nanoTime() - start) / 1e9, probe.records());

            Map<String, List<String>> events =
                    LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow);
            Map<String, List<String>> quarantine =
                    LakeRows.byPartition(lake, "_quarantine", StreamBackfillITCase::rawOf);
            Map<String, List<String>> expectedEvents = GeneratedTruth.eventsTable(truth.onTime);
            Map<String, List<String>> expectedQuarantine = truth.quarantine(t -> true);
            int restarts = probe.readers() / ObservedEnvironment.PARALLELISM - 1;
            ReliabilityRow.of(
                            "repeated-random-failures",
                            "Repeated random task failures (" + failures + ") in one stream",
                            "a source reader of the ingest job throws "
                                    + failures
                                    + " times, at seeded random points spread over the stream, after"
                                    + " checkpoint 1 (checkpoints every "
                                    + CHECKPOINT_INTERVAL.toMillis()
                                    + " ms; input paced at "
                                    + (long) RECORDS_PER_SECOND
                                    + " records/s; 2 TaskManagers, RocksDB); restored checkpoints "
                                    + probe.restoredCheckpoints(),
                            1,
                            FailureRows.of(expectedEvents, expectedQuarantine),
                            FailureRows.of(events, quarantine),
                            Integer.toString(restarts),
                            probe.recovery())
                    .write();

            assertThat(probe.failures()).as("failures injected").isEqualTo(failures);
            assertThat(probe.restoredCheckpoints())
                    .as("each restart restores a checkpoint")
                    .allSatisfy(id -> assertThat(id).isPositive());
            StreamBackfillITCase.assertSameRows("events", events, expectedEvents);
            StreamBackfillITCase.assertSameRows("_quarantine", quarantine, expectedQuarantine);
            for (String table : List.of("events", "_quarantine")) {
                for (Path f : LakeRows.visibleFiles(lake, table)) {
                    assertThat(f.getParent().resolve("_SUCCESS")).as("committed: " + f).exists();
                }
                // files the failed attempts had in progress stay, hidden: a stream's writer may
                // resume one after a restart (PartitionPublisher keeps them); readers skip them
                List<Path> leftovers = LakeRows.leftovers(lake, table);
                System.out.printf(
                        "%s: %d hidden in-progress files of failed attempts%n",
                        table, leftovers.size());
                assertThat(leftovers)
                        .allSatisfy(f -> assertThat(f.getFileName().toString()).startsWith("."));
            }
        }
    }

    /**
     * Where the failures come, in records read (replays included): the input in {@code failures +
     * 1} equal stretches, failure n in a window that opens at a random place in the last 40 % of
     * stretch n and spans 90 % of a stretch, so they spread over the whole stream and all come
     * before its end. Returns {@code {from, until}}.
     */
    static long[][] failureWindows(Random random, int failures, long records) {
        double stretch = (double) records / (failures + 1);
        long[][] windows = new long[2][failures];
        for (int i = 0; i < failures; i++) {
            double from = stretch * (i + 0.6 + 0.4 * random.nextDouble());
            windows[0][i] = (long) from;
            windows[1][i] = (long) (from + stretch * 0.9);
        }
        return windows;
    }

    /** Enough fixed-delay restarts for the injected failures and no more than one spare. */
    private static Configuration restarts(int failures) {
        Configuration c = new Configuration();
        // the run's own strategy (exponential delay, 5 attempts within an hour) would end the
        // long variant, which fails more often than that on purpose, and its back-off only adds
        // wall time: the subject here is what the lake holds after each restart
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, failures + 1);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        return c;
    }
}
