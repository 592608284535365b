package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.SchemaDrift;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, part 1: a drifted batch trips each policy of a partition rule. From {@link #DRIFT_HOUR}
 * on, the producer sends prices in cents instead of euros (valid under the data contract, so only a
 * partition rule can see it); {@code expectations/events.yaml} says {@code mean(price) <= 1000}.
 * The oracle is plain Java over the events as sent: each hour's mean price, and so which hours must
 * fail. Then: {@code warn} publishes every hour with its report; {@code quarantine-partition}
 * publishes exactly the passing hours and leaves the others {@code _QUARANTINED} with their report;
 * {@code fail-job} stops a backfill with one line and nothing swapped in, and a stream before the
 * first failing hour, with every earlier hour published and nothing from that hour on; a rerun on
 * the fixed input publishes everything.
 */
class QualityITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final int DRIFT_HOUR = 14;
    private static final double MAX_MEAN = 1000;
    private static final String DRIFTED = "quality-drifted";
    private static final String FIXED = "quality-fixed";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The events as sent to the drifted topic, and as sent to the fixed one. */
    private static final List<GeneratedEvent> drifted = new ArrayList<>();

    private static final List<GeneratedEvent> fixed = new ArrayList<>();

    /** Kafka timestamp (arrival) of each event id. */
    private static final Map<String, Long> arrival = new java.util.HashMap<>();

    @TempDir Path work;

    @BeforeAll
    static void produce() throws Exception {
        KAFKA.createTopic(DRIFTED, 1);
        KAFKA.createTopic(FIXED, 1);
        List<GeneratedRecord> records =
                EventGenerator.generateAll(
                        GeneratorConfig.builder(12_000, 31)
                                .users(300)
                                .items(80)
                                .start(DAY)
                                .days(1)
                                .lateFraction(0.0)
                                .duplicateFraction(0.0)
                                .malformedFraction(0.0)
                                .partitions(1)
                                .build());
        long driftStart = DAY.atTime(DRIFT_HOUR, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        try (TopicWriter d = new TopicWriter(KAFKA.bootstrapServers(), DRIFTED);
                TopicWriter f = new TopicWriter(KAFKA.bootstrapServers(), FIXED)) {
            for (GeneratedRecord r : records) {
                GeneratedEvent e = r.event();
                arrival.put(e.eventId(), r.timestampMillis());
                f.send(0, r.timestampMillis(), r.key(), r.value());
                fixed.add(e);
                if (e.price() != null && e.tsMillis() >= driftStart) {
                    BigDecimal cents = BigDecimal.valueOf(e.price()).movePointRight(2);
                    ObjectNode json = (ObjectNode) JSON.readTree(r.value());
                    json.put("price", cents);
                    d.send(0, r.timestampMillis(), r.key(), JSON.writeValueAsBytes(json));
                    drifted.add(withPrice(e, cents.doubleValue()));
                } else {
                    d.send(0, r.timestampMillis(), r.key(), r.value());
                    drifted.add(e);
                }
            }
        }
    }

    private static GeneratedEvent withPrice(GeneratedEvent e, double price) {
        return new GeneratedEvent(
                e.eventId(),
                e.userId(),
                e.itemId(),
                e.eventType(),
                e.tsMillis(),
                e.country(),
                e.device(),
                price,
                e.age());
    }

    /** The oracle: each hour's mean price over its purchases (hours without one are absent). */
    private static Map<String, Double> hourlyMeanPrice(List<GeneratedEvent> events) {
        Map<String, double[]> sums = new TreeMap<>();
        for (GeneratedEvent e : events) {
            if (e.price() != null) {
                double[] s =
                        sums.computeIfAbsent(
                                GeneratedTruth.hourPartition(e.tsMillis()), k -> new double[2]);
                s[0] += e.price();
                s[1]++;
            }
        }
        Map<String, Double> means = new TreeMap<>();
        sums.forEach((hour, s) -> means.put(hour, s[0] / s[1]));
        return means;
    }

    private static TreeSet<String> hours(List<GeneratedEvent> events) {
        return new TreeSet<>(GeneratedTruth.eventsTable(events).keySet());
    }

    /** The hours whose mean price breaks the rule, by the oracle. */
    private static TreeSet<String> failingHours(List<GeneratedEvent> events) {
        TreeSet<String> failing = new TreeSet<>();
        hourlyMeanPrice(events)
                .forEach(
                        (h, m) -> {
                            if (m > MAX_MEAN) {
                                failing.add(h);
                            }
                        });
        return failing;
    }

    private Path expectations(String policy) throws IOException {
        Path dir = Files.createDirectories(work.resolve("expectations-" + policy));
        Files.writeString(
                dir.resolve("events.yaml"),
                """
                partition-rules:
                  - rule: mean
                    column: price
                    max: %s
                    policy: %s
                  - rule: row_count
                    min: 1
                    policy: warn
                """
                        .formatted((long) MAX_MEAN, policy));
        return dir;
    }

    private CliRun backfill(String topic, Path lake, Path expectations) {
        return CliRuns.captureRun(
                KAFKA.bootstrapServers(),
                work.resolve("state"),
                topic,
                lake,
                "ingest",
                "--mode",
                "backfill",
                "--from",
                DAY.toString(),
                "--to",
                DAY.toString(),
                "--expectations",
                expectations.toString());
    }

    private static Path hourDir(Path lake, String hour) {
        return lake.resolve("events").resolve(hour);
    }

    private static TreeSet<String> hoursWith(Path lake, String marker) throws IOException {
        return partitionsWith(lake, "events", marker);
    }

    private static TreeSet<String> partitionsWith(Path lake, String tableName, String marker)
            throws IOException {
        TreeSet<String> found = new TreeSet<>();
        Path table = lake.resolve(tableName);
        if (!Files.exists(table)) {
            return found;
        }
        try (var files = Files.walk(table)) {
            files.filter(p -> p.getFileName().toString().equals(marker))
                    .forEach(p -> found.add(table.relativize(p.getParent()).toString()));
        }
        return found;
    }

    private static QualityReport report(Path lake, String hour) throws IOException {
        try (InputStream in =
                Files.newInputStream(hourDir(lake, hour).resolve(QualityReport.FILE_NAME))) {
            return QualityReport.read(in);
        }
    }

    @Test
    void theOracleSeesTheDriftInExactlyTheHoursFromItsStart() {
        TreeSet<String> failing = failingHours(drifted);
        assertThat(failing).isNotEmpty();
        assertThat(failing.first()).isEqualTo(String.format("date=%s/hour=%02d", DAY, DRIFT_HOUR));
        assertThat(failing)
                .isEqualTo(
                        new TreeSet<>(hourlyMeanPrice(drifted).keySet()).tailSet(failing.first()));
        assertThat(failingHours(fixed)).isEmpty();
    }

    @Test
    void warnPublishesEveryHourWithItsReport() throws Exception {
        Path lake = work.resolve("lake-warn");
        CliRun run = backfill(DRIFTED, lake, expectations("warn"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE)).isEqualTo(hours(drifted));
        assertThat(hoursWith(lake, QualityReport.QUARANTINED_FILE)).isEmpty();
        Map<String, Double> means = hourlyMeanPrice(drifted);
        TreeSet<String> failing = failingHours(drifted);
        for (String hour : hours(drifted)) {
            QualityReport r = report(lake, hour);
            assertThat(r.verdict).as(hour).isEqualTo("published");
            QualityReport.Rule mean = r.rules.get(0);
            assertThat(mean.name).isEqualTo("mean(price)");
            if (means.containsKey(hour)) {
                assertThat(mean.observed).as(hour).isCloseTo(means.get(hour), within(1e-6));
            } else {
                assertThat(mean.observed).as(hour).isNull();
            }
            assertThat(mean.passed).as(hour).isEqualTo(!failing.contains(hour));
            assertThat(r.rules.get(1).observed)
                    .as(hour)
                    .isEqualTo((double) GeneratedTruth.eventsTable(drifted).get(hour).size());
        }
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(drifted));
        double[] millis = new double[hours(drifted).size()];
        int i = 0;
        for (String hour : hours(drifted)) {
            millis[i++] = report(lake, hour).evaluationMillis;
        }
        System.out.printf(
                "Quality evaluation per partition (about %d rows, 2 rules): mean %.2f ms, max %.2f"
                        + " ms over %d partitions%n",
                drifted.size() / millis.length,
                java.util.Arrays.stream(millis).average().orElse(0),
                java.util.Arrays.stream(millis).max().orElse(0),
                millis.length);
    }

    @Test
    void quarantineHoldsBackExactlyTheFailingHours() throws Exception {
        Path lake = work.resolve("lake-quarantine");
        CliRun run = backfill(DRIFTED, lake, expectations("quarantine-partition"));
        assertThat(run.code()).as(run.err()).isZero();
        TreeSet<String> failing = failingHours(drifted);
        TreeSet<String> passing = hours(drifted);
        passing.removeAll(failing);
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE)).isEqualTo(passing);
        assertThat(hoursWith(lake, QualityReport.QUARANTINED_FILE)).isEqualTo(failing);
        assertThat(hoursWith(lake, QualityReport.FILE_NAME)).isEqualTo(hours(drifted));
        Map<String, Double> means = hourlyMeanPrice(drifted);
        for (String hour : failing) {
            QualityReport r = report(lake, hour);
            assertThat(r.verdict).isEqualTo("quarantined");
            assertThat(r.rules.get(0).passed).isFalse();
            assertThat(r.rules.get(0).observed).isCloseTo(means.get(hour), within(1e-6));
            assertThat(r.rules.get(0).max).isEqualTo(MAX_MEAN);
        }
        assertThat(run.out())
                .contains(
                        String.format(
                                "%,d partitions quarantined by the quality gate", failing.size()));
        // lineage reports the held-back hours too, each with the rule it failed
        TreeSet<String> reportedQuarantined = new TreeSet<>();
        for (JsonNode event : LineageITCase.readLineage(lake)) {
            for (JsonNode out : event.path("outputs")) {
                for (JsonNode p : out.at("/outputFacets/lakestream_partitions/partitions")) {
                    if (p.path("status").asText().equals("quarantined")) {
                        reportedQuarantined.add(p.path("partition").asText());
                        JsonNode quality = out.at("/outputFacets/lakestream_quality");
                        assertThat(quality.path("verdict").asText()).isEqualTo("quarantined");
                        assertThat(quality.at("/assertions/0/success").asBoolean(true)).isFalse();
                    }
                }
            }
        }
        assertThat(reportedQuarantined).isEqualTo(failing);
        // readers see exactly the passing hours; the held-back rows are kept, for whoever
        // investigates
        Map<String, List<String>> expected = new TreeMap<>(GeneratedTruth.eventsTable(drifted));
        expected.keySet().removeAll(failing);
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                expected);
        assertThat(LakeRows.visibleRows(lake, "events")).isEqualTo((long) drifted.size());
        // verify names each held-back partition and why (exit 1: not every partition committed)
        CliRun verify = CliRuns.capture("verify", "--lake", lake.toString(), "--table", "events");
        assertThat(verify.code()).isEqualTo(1);
        assertThat(
                        verify.all()
                                .lines()
                                .filter(l -> l.contains("quarantined by its quality rules"))
                                .count())
                .isEqualTo(failing.size());
    }

    @Test
    void failJobStopsABackfillWithNothingSwappedInAndTheFixedInputPublishes() throws Exception {
        Path lake = work.resolve("lake-fail");
        Path rules = expectations("fail-job");
        CliRun run = backfill(DRIFTED, lake, rules);
        String first = failingHours(drifted).first();
        assertThat(run.code()).isEqualTo(2);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .startsWith(
                        "lakestream: stopped by a data-quality breaker: events/"
                                + first
                                + " failed mean(price) = ")
                .contains("expected <= 1000 (fail-job)");
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE)).isEmpty();
        assertThat(lake.resolve("events")).doesNotExist();

        CliRun rerun = backfill(FIXED, lake, rules);
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE)).isEqualTo(hours(fixed));
        for (String hour : hours(fixed)) {
            assertThat(report(lake, hour).rules).allMatch(r -> r.passed);
        }
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(fixed));
    }

    @Test
    void recordRulesQuarantineTheRecordsThatBreakThemUnderTheRulesName() throws Exception {
        Path rules = Files.createDirectories(work.resolve("expectations-records"));
        Files.writeString(
                rules.resolve("events.yaml"),
                """
                record-rules:
                  - rule: between
                    column: age
                    max: 60
                  - name: known device
                    rule: in_set
                    column: device
                    values: [ios, android, web]
                """);
        Path lake = work.resolve("lake-records");
        CliRun run = backfill(FIXED, lake, rules);
        assertThat(run.code()).as(run.err()).isZero();
        // the oracle: the first rule each event breaks, in file order
        List<GeneratedEvent> kept = new ArrayList<>();
        Map<String, Integer> expectedReasons = new TreeMap<>();
        for (GeneratedEvent e : fixed) {
            String reason =
                    e.age() != null && e.age() > 60
                            ? "expectation: between(age)"
                            : e.device() != null
                                            && !List.of("ios", "android", "web")
                                                    .contains(e.device())
                                    ? "expectation: known device"
                                    : null;
            if (reason == null) {
                kept.add(e);
            } else if (GeneratedTruth.datePartition(arrival.get(e.eventId()))
                    .equals("date=" + DAY)) {
                // a backfill keeps the quarantined records that arrived on its dates
                expectedReasons.merge(e.eventId() + " " + reason, 1, Integer::sum);
            }
        }
        assertThat(expectedReasons).isNotEmpty();
        assertThat(kept).isNotEmpty();
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(kept));
        Map<String, Integer> actualReasons = new TreeMap<>();
        LakeRows.records(lake, "_quarantine")
                .values()
                .forEach(
                        rows ->
                                rows.forEach(
                                        r -> {
                                            String id =
                                                    parse(r.get("raw").toString())
                                                            .get("event_id")
                                                            .asText();
                                            String reason = r.get("reason").toString();
                                            actualReasons.merge(
                                                    id
                                                            + " "
                                                            + reason.substring(
                                                                    0, reason.indexOf(':', 13)),
                                                    1,
                                                    Integer::sum);
                                        }));
        Map<String, Integer> missing = new TreeMap<>(expectedReasons);
        missing.keySet().removeAll(actualReasons.keySet());
        Map<String, Integer> unexpected = new TreeMap<>(actualReasons);
        unexpected.keySet().removeAll(expectedReasons.keySet());
        assertThat(missing).as("quarantined records missing").isEmpty();
        assertThat(unexpected).as("quarantined records not expected").isEmpty();
        assertThat(actualReasons).isEqualTo(expectedReasons);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The generator's own drift: from 10:00 on, {@code age} arrives as a birth date, which the
     * contract quarantines; the hours thin out, and a row-count breaker stops the stream at the
     * first hour the oracle (the generator's ground truth) says is too thin.
     */
    @Test
    void theGeneratorsAgeDriftTripsARowCountBreakerInAStream() throws Exception {
        String topic = "quality-age-drift";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(12_000, 47)
                        .users(300)
                        .items(80)
                        .start(DAY)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.0)
                        .malformedFraction(0.0)
                        .partitions(1)
                        .drift(
                                SchemaDrift.of(
                                        SchemaDrift.Kind.AGE_AS_BIRTH_DATE,
                                        DAY.atTime(10, 0).toInstant(ZoneOffset.UTC)))
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.malformed).isNotEmpty();
        Map<String, List<String>> rows = GeneratedTruth.eventsTable(truth.onTime);
        TreeSet<String> thin = new TreeSet<>();
        rows.forEach(
                (hour, r) -> {
                    if (r.size() < 300) {
                        thin.add(hour);
                    }
                });
        assertThat(thin.first()).isEqualTo("date=" + DAY + "/hour=10");

        Path rules = Files.createDirectories(work.resolve("expectations-rows"));
        Files.writeString(
                rules.resolve("events.yaml"),
                "partition-rules: [{rule: row_count, min: 300, policy: fail-job}]");
        Path lake = work.resolve("lake-age-drift");
        CliRun run =
                CliRuns.captureRun(
                        KAFKA.bootstrapServers(),
                        work.resolve("state-age-drift"),
                        topic,
                        lake,
                        "ingest",
                        "--mode",
                        "stream",
                        "--until",
                        "latest",
                        "--expectations",
                        rules.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "lakestream: stopped by a data-quality breaker:"
                                                        + " events/"
                                                        + thin.first()
                                                        + " failed row_count = "
                                                        + rows.get(thin.first()).size()
                                                        + ", expected >= 300 (fail-job)"));
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE))
                .isEqualTo(new TreeSet<>(rows.keySet()).headSet(thin.first()));
    }

    /**
     * The breaker holds for the run: {@code top_items}, derived from the same events and listed
     * first (so published first, if each table were finished on its own), publishes no hour from
     * the breach on.
     */
    @Test
    void failJobStopsAStreamBeforeTheFirstFailingHour() throws Exception {
        Path lake = work.resolve("lake-stream");
        CliRun run =
                CliRuns.captureRun(
                        KAFKA.bootstrapServers(),
                        work.resolve("state-stream"),
                        DRIFTED,
                        lake,
                        "top_items,ingest",
                        "--mode",
                        "stream",
                        "--until",
                        "latest",
                        "--expectations",
                        expectations("fail-job").toString());
        String first = failingHours(drifted).first();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "lakestream: stopped by a data-quality breaker:"
                                                        + " events/"
                                                        + first
                                                        + " failed mean(price)"));
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE))
                .isEqualTo(hours(drifted).headSet(first));
        assertThat(report(lake, first).verdict).isEqualTo("stopped");
        assertThat(partitionsWith(lake, "top_items", PartitionManifest.SUCCESS_FILE))
                .isSubsetOf(hours(drifted).headSet(first));
        assertThat(lake.resolve("top_items")).as("top_items written").isDirectory();
    }
}
