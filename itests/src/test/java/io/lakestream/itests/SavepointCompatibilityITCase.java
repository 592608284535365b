package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.pipelines.job.RunSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of the current version, committed under {@code
 * src/test/resources/savepoints/current/}, restores with the current code: the next change that
 * breaks state compatibility (a uid renamed, an operator removed, a state type changed) fails the
 * build here. Regenerate it (after a deliberate, documented break) with
 *
 * <pre>
 * mvn -B -o -pl itests -am verify -Dit.test=SavepointCompatibilityITCase -Dtest=NoSuch \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Dlakestream.regenerate-savepoint=true
 * </pre>
 *
 * <p>The savepoint holds where the Kafka source was (topic {@value #TOPIC}, partitions, offsets),
 * so the test recreates that topic with the same records: a fixed seed, each record to its key's
 * partition, one idempotent producer, hence the same offsets. The lake sink's committer state can
 * hold committables with the absolute paths of the lake at savepoint time (Flink's recoverable
 * writer files, re-committed on restore); this fixture is taken when a checkpoint has covered every
 * record and all of part A's events are visible in committed files, so it holds no file
 * committables and restores into any lake. What the savepoint carries is state proper: the dedup
 * filters and ids, the open {@code user_daily} days, the partitions waiting to be published and the
 * source offsets. The restored run must read exactly part B, drop B's copies of A's events, and
 * finish the days that straddle the savepoint from A's state plus B's events.
 */
class SavepointCompatibilityITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String TOPIC = "events-savepoint-fixture";
    private static final Path FIXTURE = Path.of("src/test/resources/savepoints/current");
    private static final String DEDUP_IDS = "1000";

    @TempDir Path work;

    @Test
    void theCommittedSavepointRestoresWithTheCurrentCode() throws Exception {
        KAFKA.createTopic(TOPIC, 2);
        List<GeneratedRecord> records = EventGenerator.generateAll(history());
        int cut = records.size() * 3 / 10;
        List<GeneratedRecord> partA = records.subList(0, cut);
        List<GeneratedRecord> partB = new ArrayList<>(records.subList(cut - 50, cut));
        partB.addAll(records.subList(cut, records.size()));
        List<GeneratedRecord> delivered = new ArrayList<>(partA);
        delivered.addAll(partB);
        GeneratedTruth truth = new GeneratedTruth(delivered);
        Set<String> idsOfA = new HashSet<>();
        partA.forEach(r -> idsOfA.add(r.event().eventId()));

        Map<TopicPartition, Long> endOfA =
                SavepointRuns.publish(KAFKA.bootstrapServers(), TOPIC, partA);
        if (Boolean.getBoolean("lakestream.regenerate-savepoint")) {
            regenerate(
                    endOfA,
                    truth.onTime.stream().filter(e -> idsOfA.contains(e.eventId())).count());
        }
        assertThat(FIXTURE.resolve("_metadata"))
                .as(
                        "the committed savepoint; regenerate it with -Dlakestream.regenerate-savepoint=true")
                .exists();
        Path savepoint = work.resolve("savepoint");
        copy(FIXTURE, savepoint);
        SavepointRuns.publish(KAFKA.bootstrapServers(), TOPIC, partB);

        // a job without user_daily cannot take the savepoint's state: refused in one line
        CliRun refused =
                CliRuns.capture(
                        runArgs(work.resolve("lake-refused"), savepoint, "ingest")
                                .toArray(String[]::new));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip())
                .startsWith("lakestream: cannot restore the savepoint")
                .doesNotContain("\tat ");

        Path lake = work.resolve("lake");
        long t0 = System.nanoTime();
        CliRun restored =
                CliRuns.capture(
                        runArgs(lake, savepoint, "ingest,user_daily").toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(restored.code()).as(restored.err()).isZero();

        List<GeneratedEvent> onlyInB =
                truth.onTime.stream().filter(e -> !idsOfA.contains(e.eventId())).toList();
        Map<String, List<String>> expectedEvents = GeneratedTruth.eventsTable(onlyInB);
        Map<String, List<String>> expectedDaily = GeneratedTruth.userDaily(truth.onTime);
        Map<String, List<String>> events =
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow);
        Map<String, List<String>> userDaily =
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        expectedEvents.values().forEach(expected::addAll);
        expectedDaily.values().forEach(expected::addAll);
        events.values().forEach(actual::addAll);
        userDaily.values().forEach(actual::addAll);
        ReliabilityRow row =
                ReliabilityRow.of(
                                "savepoint-compatibility",
                                "Restore of the committed savepoint of the current version",
                                "the savepoint in itests/src/test/resources ("
                                        + SavepointRuns.size(FIXTURE) / 1024
                                        + " KiB, after part A) restored by run --from-savepoint"
                                        + " --until latest over part B; and refused, in one line,"
                                        + " for a job lacking user_daily",
                                1,
                                expected,
                                actual,
                                "0",
                                ReliabilityRow.seconds(took) + " restore and part B")
                        .write();
        assertThat(row.lost()).isZero();
        assertThat(row.duplicated()).isZero();
        StreamBackfillITCase.assertSameRows("events", events, expectedEvents);
        StreamBackfillITCase.assertSameRows("user_daily", userDaily, expectedDaily);
        for (String table : List.of("events", "user_daily")) {
            assertThat(LakeRows.leftovers(lake, table)).isEmpty();
        }
    }

    /** The fixed history: the savepoint's offsets point into exactly these records. */
    private static GeneratorConfig history() {
        return GeneratorConfig.builder(2_000, 20261126)
                .users(60)
                .items(40)
                .start(LocalDate.of(2026, 11, 1))
                .days(2)
                .lateFraction(0.0)
                .duplicateFraction(0.05)
                .malformedFraction(0.0)
                .partitions(2)
                .build();
    }

    private List<String> runArgs(Path lake, Path savepoint, String pipelines) {
        return List.of(
                "run",
                "--pipelines",
                pipelines,
                "--lake",
                lake.toString(),
                "--bootstrap",
                KAFKA.bootstrapServers(),
                "--topic",
                TOPIC,
                "--web-ui-port",
                "0",
                "--checkpoint-interval",
                "PT1S",
                "--state-dir",
                work.resolve("state-" + lake.getFileName()).toString(),
                "--mode",
                "stream",
                "--until",
                "latest",
                "--dedup-ids-per-day",
                DEDUP_IDS,
                "--from-savepoint",
                savepoint.toString());
    }

    /**
     * Takes a new fixture: a stream (parallelism 2, RocksDB) reads part A; once a checkpoint covers
     * it and every event of A is in a committed file (so no file committable is pending), it stops
     * with a canonical savepoint, which replaces the committed one.
     */
    private void regenerate(Map<TopicPartition, Long> endOfA, long eventsOfA) throws Exception {
        Path lake = work.resolve("fixture-lake");
        RunSpec spec =
                SavepointRuns.stream(
                        KAFKA.bootstrapServers(),
                        TOPIC,
                        lake,
                        "fixture",
                        Long.parseLong(DEDUP_IDS));
        JobClient job = SavepointRuns.start(spec, 2, work.resolve("fixture-state"));
        String savepoint;
        try {
            SavepointRuns.awaitCheckpointedPast(KAFKA.bootstrapServers(), spec.groupId, endOfA);
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> LakeRows.visibleRows(lake, "events") == eventsOfA);
            savepoint = SavepointRuns.stopWithSavepoint(job, work.resolve("fixture-savepoints"));
        } catch (Exception e) {
            job.cancel().get();
            throw e;
        }
        deleteTree(FIXTURE);
        copy(Path.of(URI.create(savepoint)), FIXTURE);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
