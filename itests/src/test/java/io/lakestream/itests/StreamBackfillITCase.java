package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.read.LakeComparison;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeVerifier;
import io.lakestream.connectors.lake.read.PartitionDiff;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.ingest.RunCounter;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, through the command line: a real Kafka broker, generated events, a stream run with
 * {@code --until latest} and a backfill of the same dates, each on a MiniCluster. Every table is
 * compared with the generator's ground truth ({@link GeneratedTruth}) as multisets, partition by
 * partition; {@code verify --against} compares the two lakes.
 */
class StreamBackfillITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY1 = DAY0.plusDays(1);

    @TempDir Path work;

    private GeneratorConfig generate(String topic, double lateFraction) {
        GeneratorConfig config =
                GeneratorConfig.builder(20_000, 7)
                        .users(400)
                        .items(300)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(lateFraction)
                        .duplicateFraction(0.03)
                        .malformedFraction(0.01)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        return config;
    }

    private void run(String topic, Path lake, String... extra) {
        CliRuns.run(
                KAFKA.bootstrapServers(),
                work.resolve("state"),
                topic,
                lake,
                "ingest,user_daily",
                extra);
    }

    private void stream(String topic, Path lake) {
        run(topic, lake, "--mode", "stream", "--until", "latest");
    }

    private void backfill(String topic, Path lake) {
        run(topic, lake, "--mode", "backfill", "--from", DAY0.toString(), "--to", DAY1.toString());
    }

    @Test
    void withoutLateEventsStreamAndBackfillAreEqualAndMatchTheOracle() throws Exception {
        String topic = "events-equal";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config = generate(topic, 0.0);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.late).isEmpty();
        Path streamLake = work.resolve("stream");
        Path backfillLake = work.resolve("backfill");

        stream(topic, streamLake);
        backfill(topic, backfillLake);

        for (Path lake : List.of(streamLake, backfillLake)) {
            assertTables(lake, truth.onTime, truth);
        }
        assertThat(LakeRows.byPartition(streamLake, "_late_events", r -> "")).isEmpty();

        // any Parquet reader with Hive partitioning reads the lake: DuckDB, no Lakestream code
        assertThat(DuckDbReader.hourlyCounts(streamLake, "events"))
                .isEqualTo(counts(GeneratedTruth.eventsTable(truth.onTime)));
        assertThat(DuckDbReader.dailyCounts(backfillLake, "user_daily"))
                .isEqualTo(counts(GeneratedTruth.userDaily(truth.onTime)));
        assertThat(DuckDbReader.columnType(streamLake, "events/*/*/*.parquet", "event_time"))
                .isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(CliRuns.verify(streamLake, backfillLake)).isZero();
    }

    @Test
    void withCompactOnPublishStreamAndBackfillWriteByteIdenticalFiles() throws Exception {
        String topic = "events-compact";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config = generate(topic, 0.0);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        Path streamLake = work.resolve("stream-compacted");
        Path backfillLake = work.resolve("backfill-compacted");

        run(topic, streamLake, "--mode", "stream", "--until", "latest", "--compact-on-publish");
        run(
                topic,
                backfillLake,
                "--mode",
                "backfill",
                "--from",
                DAY0.toString(),
                "--to",
                DAY1.toString(),
                "--compact-on-publish",
                "1MB");

        for (Path lake : List.of(streamLake, backfillLake)) {
            assertTables(lake, truth.onTime, truth);
        }
        LakeReader stream = LakeReader.local(streamLake);
        LakeReader backfill = LakeReader.local(backfillLake);
        for (String table : List.of("events", "user_daily")) {
            assertThat(stream.partitions(table)).isNotEmpty();
            assertThat(stream.partitions(table)).isEqualTo(backfill.partitions(table));
            for (var p : stream.partitions(table)) {
                // both compacted on publish (128 MiB and 1 MiB: one file per partition here)
                assertThat(stream.manifest(table, p).orElseThrow().compaction).isNotNull();
                assertThat(backfill.manifest(table, p).orElseThrow().compaction).isNotNull();
                assertThat(fileBytes(stream, table, p))
                        .as(table + " " + p.path())
                        .isEqualTo(fileBytes(backfill, table, p));
            }
        }
        for (var p : stream.partitions("_quarantine")) {
            assertThat(stream.manifest("_quarantine", p).orElseThrow().compaction).isNull();
        }
        assertThat(CliRuns.verify(streamLake, backfillLake)).isZero();
    }

    private static Map<String, String> fileBytes(
            LakeReader lake, String table, io.lakestream.connectors.lake.Partition p)
            throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (var f : lake.dataFiles(table, p)) {
            files.put(
                    f.name(),
                    Integer.toHexString(
                                    java.util.Arrays.hashCode(
                                            Files.readAllBytes(Path.of(f.path().toUri()))))
                            + ":"
                            + f.bytes());
        }
        return files;
    }

    @Test
    void lateEventsAreRecordedAndTheBackfillIsTheTruthAndIdempotent() throws Exception {
        String topic = "events-late";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config = generate(topic, 0.02);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.late).isNotEmpty();
        Path streamLake = work.resolve("stream");
        Path backfillLake = work.resolve("backfill");

        JobRunner.RunResult run =
                new LocalRun(2, Duration.ofSeconds(1), work.resolve("state"), 0)
                        .execute(
                                RunPlanner.plan(
                                        RunSpec.builder()
                                                .mode(RunMode.STREAM)
                                                .lake(streamLake.toString())
                                                .bootstrap(KAFKA.bootstrapServers())
                                                .topic(topic)
                                                .pipelines(List.of("ingest", "user_daily"))
                                                .untilLatest(true)
                                                .runId("late-stream")
                                                .build(),
                                        Duration.ofSeconds(30)));
        backfill(topic, backfillLake);

        // the job's own counts agree with the generator's
        long delivered = truth.onTime.size() + truth.late.size() + truth.duplicates;
        assertThat(run.counts())
                .containsEntry(RunCounter.VALID, delivered)
                .containsEntry(RunCounter.DUPLICATES, (long) truth.duplicates)
                .containsEntry(RunCounter.LATE, (long) truth.late.size())
                .containsEntry(RunCounter.QUARANTINED, (long) truth.malformed.size());
        assertTables(streamLake, truth.onTime, truth);
        assertSameRows(
                "_late_events",
                LakeRows.byPartition(streamLake, "_late_events", r -> r.get("event_id").toString()),
                GeneratedTruth.lateIds(truth.late));
        assertTables(backfillLake, truth.all(), truth);
        assertLateCountsAtMost(streamLake, "events", truth.late, GeneratedTruth::hourPartition);
        assertLateCountsAtMost(streamLake, "user_daily", truth.late, GeneratedTruth::datePartition);

        // verify names exactly the partitions that the late events change
        LakeComparison diff =
                new LakeVerifier(LakeReader.local(streamLake))
                        .compare(LakeReader.local(backfillLake), LakeSelection.all());
        Set<String> expected = new TreeSet<>();
        truth.late.forEach(
                e -> expected.add("events " + GeneratedTruth.hourPartition(e.tsMillis())));
        truth.late.forEach(
                e -> expected.add("user_daily " + GeneratedTruth.datePartition(e.tsMillis())));
        Set<String> named = new TreeSet<>();
        diff.differences().forEach(d -> named.add(name(d)));
        assertThat(named).isEqualTo(expected);
        assertThat(CliRuns.verify(streamLake, backfillLake)).isEqualTo(1);

        // a second backfill replaces the partitions with identical content and leaves nothing else
        Map<String, Long> filesBefore = fileCounts(backfillLake);
        backfill(topic, backfillLake);
        assertTables(backfillLake, truth.all(), truth);
        assertThat(fileCounts(backfillLake)).isEqualTo(filesBefore);
        assertThat(backfillLake.resolve(".staging")).doesNotExist();
        assertThat(backfillLake.resolve(".trash")).doesNotExist();
        Path first = work.resolve("backfill-first");
        backfill(topic, first);
        assertThat(CliRuns.verify(first, backfillLake)).isZero();
    }

    /**
     * A manifest counts the late events of its partition that had been committed when it was
     * published: never more than there are, and a backfill has none.
     */
    private static void assertLateCountsAtMost(
            Path lake,
            String table,
            List<GeneratedEvent> late,
            java.util.function.LongFunction<String> partitionOf)
            throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        late.forEach(e -> expected.merge(partitionOf.apply(e.tsMillis()), 1L, Long::sum));
        LakeReader reader = LakeReader.local(lake);
        long total = 0;
        for (var p : reader.partitions(table)) {
            long counted = reader.manifest(table, p).orElseThrow().lateEvents;
            assertThat(counted)
                    .as(table + " " + p)
                    .isLessThanOrEqualTo(expected.getOrDefault(p.path(), 0L));
            total += counted;
        }
        assertThat(total).isLessThanOrEqualTo(late.size());
    }

    private static String name(PartitionDiff d) {
        return d.table() + " " + d.partition().path();
    }

    /** Every table of {@code lake} against the oracle for {@code events}; nothing uncommitted. */
    private static void assertTables(Path lake, List<GeneratedEvent> events, GeneratedTruth truth)
            throws IOException {
        assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(events));
        assertSameRows(
                "user_daily",
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow),
                GeneratedTruth.userDaily(events));
        long from = DAY0.toEpochDay() * 86_400_000L;
        long to = DAY1.plusDays(1).toEpochDay() * 86_400_000L;
        assertSameRows(
                "_quarantine",
                LakeRows.byPartition(lake, "_quarantine", StreamBackfillITCase::rawOf),
                truth.quarantine(t -> t >= from && t < to));
        for (String table : List.of("events", "user_daily", "_quarantine")) {
            for (Path f : LakeRows.visibleFiles(lake, table)) {
                assertThat(f.getParent().resolve("_SUCCESS")).as("committed: " + f).exists();
            }
            assertThat(LakeRows.leftovers(lake, table)).isEmpty();
        }
    }

    /**
     * Partition by partition, the lake's rows equal the expected rows as multisets; on failure,
     * names the partitions that differ with a few missing and unexpected rows.
     */
    static void assertSameRows(
            String table, Map<String, List<String>> actual, Map<String, List<String>> expected) {
        Map<String, List<String>> a = sorted(actual);
        Map<String, List<String>> e = sorted(expected);
        if (a.equals(e)) {
            return;
        }
        StringBuilder report = new StringBuilder(table + " differs from the oracle:\n");
        Set<String> partitions = new TreeSet<>(a.keySet());
        partitions.addAll(e.keySet());
        int shown = 0;
        for (String p : partitions) {
            List<String> got = a.getOrDefault(p, List.of());
            List<String> want = e.getOrDefault(p, List.of());
            if (got.equals(want)) {
                continue;
            }
            List<String> missing = new ArrayList<>(want);
            got.forEach(missing::remove);
            List<String> extra = new ArrayList<>(got);
            want.forEach(extra::remove);
            report.append(
                    String.format(
                            "  %s: %d rows, expected %d; missing %s; unexpected %s%n",
                            p,
                            got.size(),
                            want.size(),
                            missing.subList(0, Math.min(3, missing.size())),
                            extra.subList(0, Math.min(3, extra.size()))));
            if (++shown == 10) {
                break;
            }
        }
        throw new AssertionError(report.toString());
    }

    private static Map<String, Long> fileCounts(Path lake) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        for (String table : List.of("events", "user_daily", "_quarantine")) {
            for (Path f : LakeRows.visibleFiles(lake, table)) {
                m.merge(lake.relativize(f.getParent()).toString(), 1L, Long::sum);
            }
            try (var s = Files.walk(lake.resolve(table))) {
                m.merge(
                        table + " hidden",
                        s.filter(p -> p.getFileName().toString().startsWith(".")).count(),
                        Long::sum);
            }
        }
        return m;
    }

    private static Map<String, Long> counts(Map<String, List<String>> rows) {
        Map<String, Long> m = new TreeMap<>();
        rows.forEach((k, v) -> m.put(k, (long) v.size()));
        return m;
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> m) {
        Map<String, List<String>> s = new TreeMap<>();
        m.forEach((k, v) -> s.put(k, v.stream().sorted().toList()));
        return s;
    }

    static String eventRow(GenericRecord r) {
        return String.join(
                "|",
                str(r, "event_id"),
                str(r, "user_id"),
                str(r, "item_id"),
                str(r, "event_type"),
                str(r, "event_time"),
                str(r, "country"),
                str(r, "device"),
                str(r, "price"),
                str(r, "age"));
    }

    static String userDailyRow(GenericRecord r) {
        return String.join(
                "|",
                str(r, "user_id"),
                str(r, "impressions"),
                str(r, "clicks"),
                str(r, "purchases"),
                str(r, "revenue"),
                str(r, "distinct_items"),
                str(r, "first_event_time"),
                str(r, "last_event_time"));
    }

    static String rawOf(GenericRecord r) {
        return "base64".equals(str(r, "raw_encoding")) ? "base64:" + str(r, "raw") : str(r, "raw");
    }

    private static String str(GenericRecord r, String field) {
        return String.valueOf(r.get(field));
    }
}
