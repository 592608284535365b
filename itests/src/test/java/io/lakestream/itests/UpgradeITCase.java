package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.pipelines.job.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a running stream: a stream of {@code ingest,user_daily} (parallelism 2, RocksDB) reads
 * part A of a generated history; once a checkpoint covers A it is stopped with a savepoint, without
 * drain, as {@code flink stop --savepointPath} does; part B is published; then a changed job — an
 * added pipeline ({@code dau}: new operators), parallelism 4, compaction on publish — restarts from
 * the savepoint through {@code lakestream run --from-savepoint ... --until latest}, without
 * allowing non-restored state. The lake must equal the oracle over A+B as multisets. The cut falls
 * inside the first day, so that day's {@code user_daily} rows add up state from before and after
 * the savepoint, and B's copies of A's events are dropped only if the dedup state carried over: a
 * restart that lost state would fail both.
 */
class UpgradeITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final String DEDUP_IDS = "100000";

    @TempDir Path work;

    @Test
    void aChangedJobRestoresTheSavepointOfARunningStreamAndLosesNothing() throws Exception {
        String topic = "events-upgrade";
        KAFKA.createTopic(topic, 2);
        GeneratorConfig config =
                GeneratorConfig.builder(8_000, 31)
                        .users(200)
                        .items(150)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.0)
                        .duplicateFraction(0.05)
                        .malformedFraction(0.0)
                        .partitions(2)
                        .build();
        List<GeneratedRecord> records = EventGenerator.generateAll(config);
        int cut = records.size() * 3 / 10;
        List<GeneratedRecord> partA = records.subList(0, cut);
        // B starts with a producer's redelivery of A's last 100 records (as after a producer
        // restart): only the dedup state of the savepoint can tell them apart
        List<GeneratedRecord> partB = new ArrayList<>(records.subList(cut - 100, cut));
        partB.addAll(records.subList(cut, records.size()));
        List<GeneratedRecord> delivered = new ArrayList<>(partA);
        delivered.addAll(partB);
        GeneratedTruth truth = new GeneratedTruth(delivered);
        assertThat(truth.late).isEmpty();
        assertThat(spanningDays(partA, partB)).as("days with events on both sides").isNotEmpty();
        assertThat(duplicatesAcross(partA, partB)).as("B's copies of A's events").isPositive();

        Path lake = work.resolve("lake");
        Map<TopicPartition, Long> endOfA =
                SavepointRuns.publish(KAFKA.bootstrapServers(), topic, partA);
        RunSpec before =
                SavepointRuns.stream(
                        KAFKA.bootstrapServers(),
                        topic,
                        lake,
                        "upgrade-a",
                        Long.parseLong(DEDUP_IDS));
        JobClient job = SavepointRuns.start(before, 2, work.resolve("state-a"));
        String savepoint;
        try {
            SavepointRuns.awaitCheckpointedPast(KAFKA.bootstrapServers(), before.groupId, endOfA);
            savepoint = SavepointRuns.stopWithSavepoint(job, work.resolve("savepoints"));
        } catch (Exception e) {
            job.cancel().get();
            throw e;
        }
        long savepointBytes = SavepointRuns.size(Path.of(java.net.URI.create(savepoint)));

        SavepointRuns.publish(KAFKA.bootstrapServers(), topic, partB);
        long t0 = System.nanoTime();
        CliRuns.run(
                KAFKA.bootstrapServers(),
                work.resolve("state-b"),
                topic,
                lake,
                "ingest,user_daily,dau",
                "--mode",
                "stream",
                "--until",
                "latest",
                "--from-savepoint",
                savepoint,
                "--parallelism",
                "4",
                "--compact-on-publish",
                "--dedup-ids-per-day",
                DEDUP_IDS);
        Duration restored = Duration.ofNanos(System.nanoTime() - t0);

        Map<String, List<String>> events =
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow);
        Map<String, List<String>> userDaily =
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow);
        Map<String, List<String>> expectedEvents = GeneratedTruth.eventsTable(truth.onTime);
        Map<String, List<String>> expectedDaily = GeneratedTruth.userDaily(truth.onTime);
        ReliabilityRow row =
                ReliabilityRow.of(
                                "upgrade-from-savepoint",
                                "Upgrade from a savepoint",
                                "stop-with-savepoint (no drain) after part A ("
                                        + partA.size()
                                        + " records), then a changed job (+dau operators,"
                                        + " parallelism 2 -> 4, compaction) restored with"
                                        + " run --from-savepoint over part B; savepoint "
                                        + savepointBytes / 1024
                                        + " KiB",
                                1,
                                flatten(expectedEvents, expectedDaily),
                                flatten(events, userDaily),
                                "0",
                                ReliabilityRow.seconds(restored)
                                        + " restore and catch-up of part B ("
                                        + partB.size()
                                        + " records)")
                        .write();
        assertThat(row.lost()).isZero();
        assertThat(row.duplicated()).isZero();
        StreamBackfillITCase.assertSameRows("events", events, expectedEvents);
        StreamBackfillITCase.assertSameRows("user_daily", userDaily, expectedDaily);
        for (String table : List.of("events", "user_daily", "dau")) {
            for (Path f : LakeRows.visibleFiles(lake, table)) {
                assertThat(f.getParent().resolve("_SUCCESS")).as("committed: " + f).exists();
            }
            assertThat(LakeRows.leftovers(lake, table)).isEmpty();
        }
        // the added pipeline runs: it publishes every day (from the records it saw after restore)
        for (String date : expectedDaily.keySet()) {
            assertThat(lake.resolve("dau").resolve(date).resolve("_SUCCESS")).exists();
        }
        assertThat(Files.exists(lake.resolve("events"))).isTrue();
    }

    /** Dates (as {@code date=...}) with events first delivered in A and events first in B. */
    private static Set<String> spanningDays(List<GeneratedRecord> a, List<GeneratedRecord> b) {
        Set<String> ids = new HashSet<>();
        Set<String> daysA = new HashSet<>();
        for (GeneratedRecord r : a) {
            ids.add(r.event().eventId());
            daysA.add(GeneratedTruth.datePartition(r.event().tsMillis()));
        }
        Set<String> spanning = new HashSet<>();
        for (GeneratedRecord r : b) {
            String day = GeneratedTruth.datePartition(r.event().tsMillis());
            if (!ids.contains(r.event().eventId()) && daysA.contains(day)) {
                spanning.add(day);
            }
        }
        return spanning;
    }

    /** Records of B that repeat an event first delivered in A. */
    private static long duplicatesAcross(List<GeneratedRecord> a, List<GeneratedRecord> b) {
        Set<String> ids = new HashSet<>();
        a.forEach(r -> ids.add(r.event().eventId()));
        return b.stream().filter(r -> ids.contains(r.event().eventId())).count();
    }

    private static List<String> flatten(
            Map<String, List<String>> events, Map<String, List<String>> userDaily) {
        List<String> all = new ArrayList<>();
        events.forEach((p, rows) -> rows.forEach(r -> all.add("events/" + p + "/" + r)));
        userDaily.forEach((p, rows) -> rows.forEach(r -> all.add("user_daily/" + p + "/" + r)));
        return all;
    }
}
