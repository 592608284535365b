package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakestream.connectors.testing.LongVariants;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.kafka.KafkaBroker;
import io.lakestream.deploy.kafka.KafkaTopics;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker restarted under a running stream: an unbounded ingest stream (Kafka → decode →
 * dedup → lake) on a MiniCluster of two TaskManagers with RocksDB has read and checkpointed the
 * first part of the input; the broker process is stopped, and the job waits visibly (still running,
 * checkpoints still completing, nothing read); the broker is started again on the same ports with
 * the same log dirs, the rest of the input is published, and the stream reads it from the restarted
 * broker. Drained, the lake equals the plain-Java oracle over the whole input, as multisets.
 *
 * <p>The broker is this test's own (the JVM's shared one must never be stopped); it and the job are
 * stopped in a {@code finally} block however the test ends.
 */
class KafkaBrokerRestartITCase {

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final String TOPIC = "events-broker-restart";
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir Path work;

    @Test
    void aStreamWaitsOutABrokerRestartAndLosesAndDoublesNothing() throws Exception {
        GeneratorConfig config =
                GeneratorConfig.builder(LongVariants.pick(20_000, 200_000), 31)
                        .users(400)
                        .items(200)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.005)
                        .partitions(ObservedEnvironment.PARALLELISM)
                        .build();
        List<GeneratedRecord> records = EventGenerator.generateAll(config);
        GeneratedTruth truth = new GeneratedTruth(records);
        int split = records.size() * 3 / 5;

        Path kafkaDir = work.resolve("kafka");
        KafkaBroker broker = KafkaBroker.at(kafkaDir).port(0).start();
        int port = broker.port();
        JobRunner.Submitted run = null;
        boolean drained = false;
        try (SourceProbe probe = SourceProbe.watching("broker-restart")) {
            KafkaTopics.ensure(broker.bootstrapServers(), TOPIC, config.partitions());
            TopicFeed feed = new TopicFeed(broker.bootstrapServers(), TOPIC);
            feed.publish(records.subList(0, split));
            Path lake = work.resolve("lake");
            RunSpec spec =
                    RunPlanner.plan(
                            RunSpec.builder()
                                    .mode(RunMode.STREAM)
                                    .lake(lake.toString())
                                    .bootstrap(broker.bootstrapServers())
                                    .topic(TOPIC)
                                    .pipelines(List.of("ingest"))
                                    .runId("broker-restart")
                                    .build(),
                            Duration.ofSeconds(30));
            run =
                    JobRunner.submit(
                            ObservedEnvironment.streaming(
                                    probe, CHECKPOINT_INTERVAL, work, new Configuration()),
                            spec);

            // the first part read, and covered by a checkpoint whose offsets reached Kafka
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> feed.committed(spec.groupId).equals(feed.endOffsets()));
            long readBefore = probe.records();
            long checkpointBefore = probe.latestCheckpoint();

            long stoppedAt = System.nanoTime();
            broker.stop();
            assertThat(broker.isAlive()).isFalse();
            // waiting: the job stays up and keeps checkpointing without Kafka
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> probe.latestCheckpoint() >= checkpointBefore + 3);
            assertThat(run.client().getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            long readWhileDown = probe.records() - readBefore;
            int readersWhileDown = probe.readers();

            broker = KafkaBroker.at(kafkaDir).port(port).start();
            long downNanos = System.nanoTime() - stoppedAt;
            assertThat(broker.port()).isEqualTo(port);
            probe.mark();
            feed.publish(records.subList(split, records.size()));
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> feed.committed(spec.groupId).equals(feed.endOffsets()));
            long recoveryNanos = probe.nanosToFirstRecordAfterMark();

            run.client()
                    .stopWithSavepoint(
                            true,
                            work.resolve("savepoints").toUri().toString(),
                            SavepointFormatType.CANONICAL)
                    .get(2, TimeUnit.MINUTES);
            run.awaitAndFinalise();
            drained = true;

            Map<String, List<String>> events =
                    LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow);
            Map<String, List<String>> quarantine =
                    LakeRows.byPartition(lake, "_quarantine", StreamBackfillITCase::rawOf);
            Map<String, List<String>> expectedEvents = GeneratedTruth.eventsTable(truth.onTime);
            Map<String, List<String>> expectedQuarantine = truth.quarantine(t -> true);
            int restarts = probe.readers() / ObservedEnvironment.PARALLELISM - 1;
            System.out.printf(
                    "broker down %.1f s: %d records read, %d checkpoints completed, %d restarts;"
                            + " first record from the restarted broker %.1f s after it"
                            + " answered%n",
                    downNanos / 1e9,
                    readWhileDown,
                    probe.latestCheckpoint() - checkpointBefore,
                    readersWhileDown / ObservedEnvironment.PARALLELISM - 1,
                    recoveryNanos / 1e9);
            ReliabilityRow.of(
                            "kafka-broker-restart",
                            "Kafka broker restarted mid-stream",
                            "broker process stopped (SIGTERM) once the stream had read and"
                                    + " checkpointed 60 % of the input; down "
                                    + ReliabilityRow.seconds(Duration.ofNanos(downNanos))
                                    + ", the job kept running and checkpointing; started again on"
                                    + " the same ports and log dirs, then the rest published",
                            1,
                            FailureRows.of(expectedEvents, expectedQuarantine),
                            FailureRows.of(events, quarantine),
                            Integer.toString(restarts),
                            ReliabilityRow.seconds(Duration.ofNanos(recoveryNanos))
                                    + " from the broker answering again to the first record read"
                                    + " from it")
                    .write();

            assertThat(readWhileDown).as("records read while the broker was down").isZero();
            assertThat(recoveryNanos)
                    .as("a record was read from the restarted broker")
                    .isPositive();
            StreamBackfillITCase.assertSameRows("events", events, expectedEvents);
            StreamBackfillITCase.assertSameRows("_quarantine", quarantine, expectedQuarantine);
            for (String table : List.of("events", "_quarantine")) {
                for (Path f : LakeRows.visibleFiles(lake, table)) {
                    assertThat(f.getParent().resolve("_SUCCESS")).as("committed: " + f).exists();
                }
            }
        } finally {
            if (run != null && !drained) {
                run.client().cancel().get(1, TimeUnit.MINUTES);
            }
            broker.stop();
        }
    }
}
