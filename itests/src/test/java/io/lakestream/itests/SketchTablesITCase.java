package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeVerifier;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dau}, {@code dau_country} and {@code top_items} end to end: a stream, a Kafka backfill and
 * a lake backfill give partitions that {@code verify} finds equal, with exact values equal to a
 * plain-Java count over the generator's ground truth and the HyperLogLog estimate within three
 * standard errors; and a lake→Kafka hybrid backfill rebuilds the tables exactly as a full Kafka
 * replay does.
 */
class SketchTablesITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY1 = DAY0.plusDays(1);
    private static final List<String> DERIVED = List.of("dau", "dau_country", "top_items");

    @TempDir Path work;

    private GeneratedTruth generate(String topic) {
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(24_000, 11)
                        .users(3_000)
                        .items(400)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.0)
                        .duplicateFraction(0.03)
                        .malformedFraction(0.01)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.late).isEmpty();
        return truth;
    }

    private void run(String topic, Path lake, String pipelines, String... extra) {
        CliRuns.run(KAFKA.bootstrapServers(), work.resolve("state"), topic, lake, pipelines, extra);
    }

    private void backfill(String topic, Path lake, String pipelines, String source) {
        run(
                topic,
                lake,
                pipelines,
                "--mode",
                "backfill",
                "--from",
                DAY0.toString(),
                "--to",
                DAY1.toString(),
                "--source",
                source);
    }

    @Test
    void streamKafkaBackfillAndLakeBackfillAgreeAndMatchTheOracle() throws Exception {
        String topic = "events-sketch";
        GeneratedTruth truth = generate(topic);
        Path streamLake = work.resolve("stream");
        Path kafkaLake = work.resolve("kafka-backfill");
        Path lakeReplay = work.resolve("lake-backfill");

        run(topic, streamLake, "ingest,dau,top_items", "--mode", "stream", "--until", "latest");
        backfill(topic, kafkaLake, "ingest,dau,top_items", "kafka");
        copy(streamLake, lakeReplay);
        // recompute the derived tables from the lake's events, in place
        deleteTables(lakeReplay, DERIVED);
        backfill(topic, lakeReplay, "dau,top_items", "lake");

        for (Path lake : List.of(streamLake, kafkaLake, lakeReplay)) {
            assertDerivedTables(lake, truth.onTime);
        }
        assertThat(CliRuns.verify(streamLake, kafkaLake)).isZero();
        assertThat(CliRuns.verify(streamLake, lakeReplay)).isZero();
    }

    @Test
    void aLakeThenKafkaBackfillRebuildsLikeAFullKafkaReplay() throws Exception {
        String topic = "events-hybrid";
        GeneratedTruth truth = generate(topic);
        Path streamLake = work.resolve("stream");
        run(topic, streamLake, "ingest", "--mode", "stream", "--until", "latest");

        // a lake holding the first day only: the second day must come from Kafka
        Path hybridLake = work.resolve("hybrid");
        copy(
                streamLake.resolve("events").resolve("date=" + DAY0),
                hybridLake.resolve("events").resolve("date=" + DAY0));
        String pipelines = "user_daily,dau,top_items";
        backfill(topic, hybridLake, pipelines, "lake+kafka");
        Path kafkaLake = work.resolve("kafka-backfill");
        backfill(topic, kafkaLake, pipelines, "kafka");

        assertDerivedTables(hybridLake, truth.onTime);
        assertThat(
                        new LakeVerifier(LakeReader.local(hybridLake))
                                .compare(
                                        LakeReader.local(kafkaLake),
                                        LakeSelection.all()
                                                .tables(
                                                        "user_daily",
                                                        "dau",
                                                        "dau_country",
                                                        "top_items"))
                                .differences())
                .isEmpty();
        assertThat(LakeRows.byPartition(hybridLake, "user_daily", r -> "").keySet())
                .containsExactly("date=" + DAY0, "date=" + DAY1);
    }

    private static void assertDerivedTables(Path lake, List<GeneratedEvent> events)
            throws IOException {
        // dau: exact equals the oracle; the estimate is within three standard errors of it
        Map<String, List<String>> dau = LakeRows.byPartition(lake, "dau", r -> r.toString());
        Map<String, Set<String>> users = new TreeMap<>();
        Map<String, Set<String>> usersByCountry = new TreeMap<>();
        for (GeneratedEvent e : events) {
            String date = GeneratedTruth.datePartition(e.tsMillis());
            users.computeIfAbsent(date, k -> new HashSet<>()).add(e.userId());
            usersByCountry
                    .computeIfAbsent(date + "|" + e.country(), k -> new HashSet<>())
                    .add(e.userId());
        }
        assertThat(dau.keySet()).isEqualTo(users.keySet());
        for (var p : LakeRows.records(lake, "dau").entrySet()) {
            assertThat(p.getValue()).hasSize(1);
            GenericRecord r = p.getValue().get(0);
            long exact = (Long) r.get("dau_exact");
            long hll = (Long) r.get("dau_hll");
            double rse = (Double) r.get("hll_rse");
            assertThat(exact).as("dau_exact " + p.getKey()).isEqualTo(users.get(p.getKey()).size());
            assertThat(rse).isLessThanOrEqualTo(0.01);
            assertThat((double) Math.abs(hll - exact))
                    .as("dau_hll " + p.getKey())
                    .isLessThanOrEqualTo(3 * rse * exact);
        }

        Map<String, List<String>> byCountry = new TreeMap<>();
        usersByCountry.forEach(
                (k, v) -> {
                    String[] dateCountry = k.split("\\|", 2);
                    byCountry
                            .computeIfAbsent(dateCountry[0], d -> new ArrayList<>())
                            .add(dateCountry[1] + "|" + v.size());
                });
        StreamBackfillITCase.assertSameRows(
                "dau_country",
                LakeRows.byPartition(
                        lake, "dau_country", r -> r.get("country") + "|" + r.get("dau_exact")),
                byCountry);

        // top_items: at this size the sketch is exact, so the ranking equals a plain count
        StreamBackfillITCase.assertSameRows(
                "top_items",
                LakeRows.byPartition(
                        lake,
                        "top_items",
                        r ->
                                r.get("rank")
                                        + "|"
                                        + r.get("item_id")
                                        + "|"
                                        + r.get("est_count")
                                        + "|"
                                        + r.get("exact_count")
                                        + "|"
                                        + r.get("max_error")),
                topItems(events));
    }

    /** The oracle of {@code top_items}: clicks per hour and item, top 100, ties by item id. */
    private static Map<String, List<String>> topItems(List<GeneratedEvent> events) {
        Map<String, Map<String, Long>> clicks = new TreeMap<>();
        for (GeneratedEvent e : events) {
            if (e.eventType().equals("click")) {
                clicks.computeIfAbsent(
                                GeneratedTruth.hourPartition(e.tsMillis()), k -> new TreeMap<>())
                        .merge(e.itemId(), 1L, Long::sum);
            }
        }
        Map<String, List<String>> m = new TreeMap<>();
        clicks.forEach(
                (hour, counts) -> {
                    List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
                    ranked.sort(
                            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                                    .reversed()
                                    .thenComparing(Map.Entry::getKey));
                    List<String> rows = new ArrayList<>();
                    for (int i = 0; i < Math.min(100, ranked.size()); i++) {
                        var e = ranked.get(i);
                        rows.add(
                                (i + 1)
                                        + "|"
                                        + e.getKey()
                                        + "|"
                                        + e.getValue()
                                        + "|"
                                        + e.getValue()
                                        + "|0");
                    }
                    m.put(hour, rows);
                });
        return m;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void deleteTables(Path lake, List<String> tables) throws IOException {
        for (String t : tables) {
            try (Stream<Path> files = Files.walk(lake.resolve(t))) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
