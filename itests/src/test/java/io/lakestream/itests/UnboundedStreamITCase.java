package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unbounded stream publishes each partition while it runs, as soon as its watermark has passed
 * the partition's end — and not before: the partitions the watermark has not passed stay
 * unpublished (no {@code _SUCCESS}) while the job keeps running.
 */
class UnboundedStreamITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(10);

    @TempDir Path work;

    @Test
    void publishesEveryPartitionTheWatermarkHasPassedAndNoOther() throws Exception {
        String topic = "events-unbounded";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(10_000, 11)
                        .users(200)
                        .items(100)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.0)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        long watermark =
                truth.onTime.stream().mapToLong(GeneratedEvent::tsMillis).max().orElseThrow()
                        - MAX_DELAY.toMillis()
                        - 1;
        Map<String, List<String>> expected = new TreeMap<>();
        Set<String> open = new TreeSet<>();
        GeneratedTruth.eventsTable(truth.onTime)
                .forEach(
                        (partition, rows) -> {
                            if (hourEnd(partition) - 1 <= watermark) {
                                expected.put(partition, rows);
                            } else {
                                open.add(partition);
                            }
                        });
        assertThat(open).isNotEmpty();

        Path lake = work.resolve("lake");
        RunSpec spec =
                RunPlanner.plan(
                        RunSpec.builder()
                                .mode(RunMode.STREAM)
                                .lake(lake.toString())
                                .bootstrap(KAFKA.bootstrapServers())
                                .topic(topic)
                                .pipelines(List.of("ingest"))
                                .maxDelay(MAX_DELAY)
                                .runId("unbounded")
                                .build(),
                        Duration.ofSeconds(30));
        JobClient job =
                new LocalRun(2, Duration.ofSeconds(1), work.resolve("state"), 0).start(spec);
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> expected.keySet().stream().allMatch(p -> published(lake, p)));
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).isFalse();
        } finally {
            job.cancel().get();
        }
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                expected);
        for (String p : open) {
            assertThat(published(lake, p)).as(p + " is not complete").isFalse();
        }
    }

    /** End (exclusive, epoch ms) of an hourly partition {@code date=YYYY-MM-DD/hour=HH}. */
    private static long hourEnd(String partition) {
        LocalDate date = LocalDate.parse(partition.substring(5, 15));
        int hour = Integer.parseInt(partition.substring(21, 23));
        return date.atTime(hour, 0).plusHours(1).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    }

    private static boolean published(Path lake, String partition) {
        return Files.exists(lake.resolve("events").resolve(partition).resolve("_SUCCESS"));
    }
}
