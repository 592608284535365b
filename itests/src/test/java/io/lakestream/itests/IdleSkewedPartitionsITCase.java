package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakestream.connectors.testing.LongVariants;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.RecordKind;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.ingest.RunCounter;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 8: a topic of three partitions, one of which never receives a record, and one whose
 * producer's clock is {@link #SKEW} behind (more than the max delay, so one watermark for the whole
 * topic would call its events late). An unbounded stream still publishes: the idle partition stops
 * holding the watermark back after the idle timeout, and each partition's events are judged against
 * their own partition's watermark (none is late). A bounded stream and a backfill of the same topic
 * then give identical lakes ({@code verify}), equal to the oracle.
 */
class IdleSkewedPartitionsITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofMinutes(25);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);

    @TempDir Path work;

    @Test
    void anIdlePartitionAndASkewedOneStillPublishAndReplaysAreIdentical() throws Exception {
        String topic = "events-idle-skewed";
        KAFKA.createTopic(topic, 3);
        GeneratorConfig config =
                GeneratorConfig.builder(LongVariants.pick(6_000, 200_000), 29)
                        .users(300)
                        .items(100)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.005)
                        .partitions(1)
                        .build();
        // users of even hash on partition 0 (true clock), odd on partition 1 (clock behind)
        SkewedProducer behind = new SkewedProducer(SKEW);
        List<GeneratedRecord> records = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        for (GeneratedRecord r : EventGenerator.generateAll(config)) {
            int p = Math.floorMod(new String(r.key()).hashCode(), 2);
            records.add(p == 1 ? behind.skew(r) : r);
            partitions.add(p);
        }
        try (TopicWriter w = new TopicWriter(KAFKA.bootstrapServers(), topic)) {
            for (int i = 0; i < records.size(); i++) {
                GeneratedRecord r = records.get(i);
                w.send(partitions.get(i), r.timestampMillis(), r.key(), r.value());
            }
        }
        GeneratedTruth truth = new GeneratedTruth(records);
        assertThat(truth.late).isEmpty();
        Map<String, List<String>> events = GeneratedTruth.eventsTable(truth.onTime);
        Map<String, List<String>> userDaily = GeneratedTruth.userDaily(truth.onTime);

        // 1. unbounded: what the slowest partition's watermark has passed must be published
        long watermark = Long.MAX_VALUE;
        for (int p = 0; p < 2; p++) {
            int partition = p;
            long maxTs = Long.MIN_VALUE;
            for (int i = 0; i < records.size(); i++) {
                if (partitions.get(i) == partition
                        && records.get(i).kind() != RecordKind.MALFORMED) {
                    maxTs = Math.max(maxTs, records.get(i).event().tsMillis());
                }
            }
            watermark = Math.min(watermark, maxTs - MAX_DELAY.toMillis() - 1);
        }
        long passed = watermark;
        Map<String, List<String>> dueEvents = select(events, p -> hourEnd(p) - 1 <= passed);
        Map<String, List<String>> dueDaily = select(userDaily, p -> dayEnd(p) - 1 <= passed);
        assertThat(dueEvents).isNotEmpty();
        assertThat(dueDaily).isNotEmpty();
        assertThat(dueEvents.size()).isLessThan(events.size());

        Path unbounded = work.resolve("unbounded");
        JobClient job =
                localRun().start(plan(spec(topic, unbounded).idleTimeout(IDLE_TIMEOUT).build()));
        long t0 = System.nanoTime();
        long publishedAfter;
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    allPublished(unbounded, "events", dueEvents)
                                            && allPublished(unbounded, "user_daily", dueDaily));
            publishedAfter = (System.nanoTime() - t0) / 1_000_000;
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).isFalse();
        } finally {
            job.cancel().get();
        }
        Map<String, List<String>> streamed =
                LakeRows.byPartition(unbounded, "events", StreamBackfillITCase::eventRow);
        assertThat(streamed.keySet()).containsAll(dueEvents.keySet());
        StreamBackfillITCase.assertSameRows(
                "events (unbounded)", streamed, select(events, streamed::containsKey));
        Map<String, List<String>> streamedDaily =
                LakeRows.byPartition(unbounded, "user_daily", StreamBackfillITCase::userDailyRow);
        StreamBackfillITCase.assertSameRows(
                "user_daily (unbounded)",
                streamedDaily,
                select(userDaily, streamedDaily::containsKey));
        assertThat(LakeRows.byPartition(unbounded, "_late_events", r -> "")).isEmpty();

        // 2. a bounded stream and 3. a backfill of the same records: identical, and the oracle
        Path stream = work.resolve("stream");
        JobRunner.RunResult bounded =
                localRun().execute(plan(spec(topic, stream).untilLatest(true).build()));
        Path backfill = work.resolve("backfill");
        CliRuns.run(
                KAFKA.bootstrapServers(),
                work.resolve("state-cli"),
                topic,
                backfill,
                "ingest,user_daily",
                "--mode",
                "backfill",
                "--from",
                DAY0.minusDays(1).toString(),
                "--to",
                DAY0.plusDays(1).toString());
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Path lake : List.of(stream, backfill)) {
            Map<String, List<String>> e =
                    LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow);
            Map<String, List<String>> d =
                    LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow);
            StreamBackfillITCase.assertSameRows("events of " + lake.getFileName(), e, events);
            StreamBackfillITCase.assertSameRows(
                    "user_daily of " + lake.getFileName(), d, userDaily);
            events.forEach((p, rows) -> rows.forEach(r -> expected.add(p + " " + r)));
            e.forEach((p, rows) -> rows.forEach(r -> actual.add(p + " " + r)));
        }
        assertThat(LakeRows.byPartition(stream, "_late_events", r -> "")).isEmpty();
        assertThat(bounded.counts())
                .containsEntry(RunCounter.LATE, 0L)
                .containsEntry(RunCounter.QUARANTINED, (long) truth.malformed.size());
        int verify = CliRuns.verify(stream, backfill);

        ReliabilityRow row =
                ReliabilityRow.of(
                                "idle-skewed-partitions",
                                "Idle partition and clock skew between partitions",
                                "3 partitions: one never written, one's producer clock "
                                        + SKEW.toMinutes()
                                        + " min behind (max delay "
                                        + MAX_DELAY.toMinutes()
                                        + " min); unbounded stream (idle timeout "
                                        + IDLE_TIMEOUT.toSeconds()
                                        + " s), bounded stream, backfill",
                                3,
                                expected,
                                actual,
                                Long.toString(bounded.counts().get(RunCounter.RESTARTS)),
                                "unbounded run published every due partition "
                                        + ReliabilityRow.seconds(Duration.ofMillis(publishedAfter))
                                        + " after start; verify: "
                                        + (verify == 0 ? "equal" : "differs"))
                        .write();
        assertThat(verify).as("verify stream against backfill").isZero();
        assertThat(bounded.counts()).containsEntry(RunCounter.RESTARTS, 0L);
        assertThat(row.lost()).isZero();
        assertThat(row.duplicated()).isZero();
    }

    private LocalRun localRun() {
        return new LocalRun(2, Duration.ofSeconds(1), work.resolve("state"), 0);
    }

    private static RunSpec.Builder spec(String topic, Path lake) {
        return RunSpec.builder()
                .mode(RunMode.STREAM)
                .lake(lake.toString())
                .bootstrap(KAFKA.bootstrapServers())
                .topic(topic)
                .pipelines(List.of("ingest", "user_daily"))
                .maxDelay(MAX_DELAY)
                .runId("idle-skewed-" + lake.getFileName());
    }

    private static RunSpec plan(RunSpec spec) throws Exception {
        return RunPlanner.plan(spec, Duration.ofSeconds(30));
    }

    private static Map<String, List<String>> select(
            Map<String, List<String>> table, Predicate<String> partition) {
        Map<String, List<String>> m = new TreeMap<>();
        table.forEach(
                (p, rows) -> {
                    if (partition.test(p)) {
                        m.put(p, rows);
                    }
                });
        return m;
    }

    private static boolean allPublished(Path lake, String table, Map<String, List<String>> due) {
        return due.keySet().stream()
                .allMatch(p -> Files.exists(lake.resolve(table).resolve(p).resolve("_SUCCESS")));
    }

    /** End (exclusive, epoch ms) of {@code date=YYYY-MM-DD/hour=HH}. */
    private static long hourEnd(String partition) {
        LocalDate date = LocalDate.parse(partition.substring(5, 15));
        int hour = Integer.parseInt(partition.substring(21, 23));
        return date.atTime(hour, 0).plusHours(1).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** End (exclusive, epoch ms) of {@code date=YYYY-MM-DD}. */
    private static long dayEnd(String partition) {
        return LocalDate.parse(partition.substring(5, 15))
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
    }
}
