package io.lakestream.itests;

import static io.lakestream.itests.PriceDrift.DAY;
import static io.lakestream.itests.PriceDrift.DRIFT_HOUR;
import static io.lakestream.itests.PriceDrift.MAX_MEAN;
import static io.lakestream.itests.PriceDrift.expectations;
import static io.lakestream.itests.PriceDrift.failingHours;
import static io.lakestream.itests.PriceDrift.hourlyMeanPrice;
import static io.lakestream.itests.PriceDrift.hours;
import static io.lakestream.itests.PriceDrift.hoursWith;
import static io.lakestream.itests.PriceDrift.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Issue 6, part 1: a drifted batch trips each policy of a partition rule ({@link PriceDrift}:
 * prices in cents from 14:00 on; {@code expectations/events.yaml} says {@code mean(price) <=
 * 1000}). In backfills: {@code warn} publishes every hour with its report; {@code
 * quarantine-partition} publishes exactly the passing hours and leaves the others {@code
 * _QUARANTINED} with their report (and reports them to lineage); {@code fail-job} stops with one
 * line and nothing swapped in, and a rerun on the fixed input publishes everything; record rules
 * send each breaking record to {@code _quarantine} under the rule's name. Streams: {@link
 * QualityBreakerStreamITCase}.
 */
class QualityITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PriceDrift data;

    @TempDir Path work;

    @BeforeAll
    static void produce() throws Exception {
        data = PriceDrift.produce(KAFKA, "quality-drifted", "quality-fixed");
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

    @Test
    void theOracleSeesTheDriftInExactlyTheHoursFromItsStart() {
        TreeSet<String> failing = failingHours(data.drifted);
        assertThat(failing).isNotEmpty();
        assertThat(failing.first()).isEqualTo(String.format("date=%s/hour=%02d", DAY, DRIFT_HOUR));
        assertThat(failing)
                .isEqualTo(
                        new TreeSet<>(hourlyMeanPrice(data.drifted).keySet())
                                .tailSet(failing.first()));
        assertThat(failingHours(data.fixed)).isEmpty();
    }

    @Test
    void warnPublishesEveryHourWithItsReport() throws Exception {
        Path lake = work.resolve("lake-warn");
        CliRun run = backfill(data.driftedTopic, lake, expectations(work, "warn"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE)).isEqualTo(hours(data.drifted));
        assertThat(hoursWith(lake, QualityReport.QUARANTINED_FILE)).isEmpty();
        Map<String, Double> means = hourlyMeanPrice(data.drifted);
        TreeSet<String> failing = failingHours(data.drifted);
        for (String hour : hours(data.drifted)) {
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
                    .isEqualTo((double) GeneratedTruth.eventsTable(data.drifted).get(hour).size());
        }
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(data.drifted));
        double[] millis = new double[hours(data.drifted).size()];
        int i = 0;
        for (String hour : hours(data.drifted)) {
            millis[i++] = report(lake, hour).evaluationMillis;
        }
        System.out.printf(
                "Quality evaluation per partition (about %d rows, 2 rules): mean %.2f ms, max %.2f"
                        + " ms over %d partitions%n",
                data.drifted.size() / millis.length,
                java.util.Arrays.stream(millis).average().orElse(0),
                java.util.Arrays.stream(millis).max().orElse(0),
                millis.length);
    }

    @Test
    void quarantineHoldsBackExactlyTheFailingHours() throws Exception {
        Path lake = work.resolve("lake-quarantine");
        CliRun run = backfill(data.driftedTopic, lake, expectations(work, "quarantine-partition"));
        assertThat(run.code()).as(run.err()).isZero();
        TreeSet<String> failing = failingHours(data.drifted);
        TreeSet<String> passing = hours(data.drifted);
        passing.removeAll(failing);
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE)).isEqualTo(passing);
        assertThat(hoursWith(lake, QualityReport.QUARANTINED_FILE)).isEqualTo(failing);
        assertThat(hoursWith(lake, QualityReport.FILE_NAME)).isEqualTo(hours(data.drifted));
        Map<String, Double> means = hourlyMeanPrice(data.drifted);
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
        Map<String, List<String>> expected =
                new TreeMap<>(GeneratedTruth.eventsTable(data.drifted));
        expected.keySet().removeAll(failing);
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                expected);
        assertThat(LakeRows.visibleRows(lake, "events")).isEqualTo((long) data.drifted.size());
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
        Path rules = expectations(work, "fail-job");
        CliRun run = backfill(data.driftedTopic, lake, rules);
        String first = failingHours(data.drifted).first();
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

        CliRun rerun = backfill(data.fixedTopic, lake, rules);
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE)).isEqualTo(hours(data.fixed));
        for (String hour : hours(data.fixed)) {
            assertThat(report(lake, hour).rules).allMatch(r -> r.passed);
        }
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(data.fixed));
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
        CliRun run = backfill(data.fixedTopic, lake, rules);
        assertThat(run.code()).as(run.err()).isZero();
        // the oracle: the first rule each event breaks, in file order
        List<GeneratedEvent> kept = new ArrayList<>();
        Map<String, Integer> expectedReasons = new TreeMap<>();
        for (GeneratedEvent e : data.fixed) {
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
            } else if (GeneratedTruth.datePartition(data.arrival.get(e.eventId()))
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
}
