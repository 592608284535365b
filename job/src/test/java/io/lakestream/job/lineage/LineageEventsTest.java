package io.lakestream.job.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.kafka.ReplayPlan;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClientUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");

    @TempDir Path lake;

    private RunSpec backfill(ReplayPlan plan) {
        return RunSpec.builder()
                .mode(RunMode.BACKFILL)
                .lake(lake.toString())
                .bootstrap("127.0.0.1:19092,127.0.0.1:19093")
                .topic("events-x")
                .pipelines(List.of("user_daily", "dau"))
                .range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2))
                .runId("backfill-20261126-abc")
                .replay(plan)
                .build();
    }

    private static JsonNode json(RunEvent e) throws Exception {
        return JSON.readTree(OpenLineageClientUtils.toJson(e));
    }

    @Test
    void aRunIdMapsToOneStableUuidPerRun() {
        UUID a = LineageRunId.of("run-1");
        assertThat(LineageRunId.of("run-1")).isEqualTo(a);
        assertThat(LineageRunId.of("run-2")).isNotEqualTo(a);
        assertThat(a.version()).isEqualTo(3);
    }

    @Test
    void startNamesTheJobTheRunTheReplayedOffsetsAndTheTablesWritten() throws Exception {
        ReplayPlan plan =
                new ReplayPlan(
                        "events-x", 0, 1, Map.of(0, new long[] {5, 120}, 1, new long[] {0, 77}));
        RunSpec spec = backfill(plan);
        JsonNode e =
                json(
                        new LineageEvents(spec, QualityFacets.NONE)
                                .start(T0, List.of("user_daily", "dau")));

        assertThat(e.at("/eventType").asText()).isEqualTo("START");
        assertThat(e.at("/eventTime").asText()).startsWith("2026-11-26T05:00");
        assertThat(e.at("/job/namespace").asText()).isEqualTo("lakestream");
        assertThat(e.at("/job/name").asText()).isEqualTo("user_daily,dau.backfill");
        assertThat(e.at("/run/runId").asText())
                .isEqualTo(LineageRunId.of("backfill-20261126-abc").toString());
        assertThat(e.at("/run/facets/lakestream_run/run_id").asText())
                .isEqualTo("backfill-20261126-abc");
        assertThat(e.at("/inputs")).hasSize(1);
        JsonNode in = e.at("/inputs/0");
        assertThat(in.at("/namespace").asText()).isEqualTo("kafka://127.0.0.1:19092");
        assertThat(in.at("/name").asText()).isEqualTo("events-x");
        JsonNode offsets = in.at("/inputFacets/lakestream_kafka_offsets");
        assertThat(offsets.at("/partitions/0/start").asLong()).isEqualTo(5);
        assertThat(offsets.at("/partitions/0/end").asLong()).isEqualTo(120);
        assertThat(offsets.at("/partitions/1/start").asLong()).isZero();
        assertThat(offsets.at("/partitions/1/end").asLong()).isEqualTo(77);
        assertThat(offsets.at("/records").asLong()).isEqualTo(115 + 77);
        assertThat(e.at("/outputs").findValuesAsText("name"))
                .containsExactly(lake + "/user_daily", lake + "/dau");
    }

    @Test
    void completeSumsTheManifestsRowsPerTableAndListsThePartitions() throws Exception {
        RunSpec spec = backfill(new ReplayPlan("events-x", 0, 1, Map.of(0, new long[] {0, 9})));
        List<PublishedPartition> published =
                List.of(
                        partition("dau", "date=2026-11-01", 1, null),
                        partition("user_daily", "date=2026-11-01", 40, null),
                        partition("user_daily", "date=2026-11-02", 2, null));
        JsonNode e = json(new LineageEvents(spec, QualityFacets.NONE).complete(T0, published));

        assertThat(e.at("/eventType").asText()).isEqualTo("COMPLETE");
        assertThat(e.at("/outputs")).hasSize(2);
        JsonNode dau = e.at("/outputs/0");
        JsonNode userDaily = e.at("/outputs/1");
        assertThat(dau.at("/name").asText()).isEqualTo(lake + "/dau");
        assertThat(dau.at("/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(1);
        assertThat(userDaily.at("/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(42);
        assertThat(userDaily.at("/outputFacets/outputStatistics/fileCount").asLong()).isEqualTo(2);
        assertThat(
                        userDaily
                                .at("/outputFacets/lakestream_partitions/partitions")
                                .findValuesAsText("partition"))
                .containsExactly("date=2026-11-01", "date=2026-11-02");
    }

    @Test
    void aStreamsOffsetsAreTheUnionOfItsPartitionsRowOffsets() throws Exception {
        RunSpec spec =
                RunSpec.builder()
                        .mode(RunMode.STREAM)
                        .lake(lake.toString())
                        .topic("events-x")
                        .runId("stream-1")
                        .untilLatest(true)
                        .build();
        List<PublishedPartition> published =
                List.of(
                        partition("events", "date=2026-11-01/hour=00", 3, "0:[10,20],1:[4,4]"),
                        partition("events", "date=2026-11-01/hour=01", 5, "0:[15,42]"));
        LineageEvents events = new LineageEvents(spec, QualityFacets.NONE);
        JsonNode complete = json(events.complete(T0, published));

        assertThat(complete.at("/job/name").asText()).isEqualTo("ingest.stream");
        JsonNode offsets = complete.at("/inputs/0/inputFacets/lakestream_kafka_offsets");
        assertThat(offsets.at("/partitions/0/start").asLong()).isEqualTo(10);
        assertThat(offsets.at("/partitions/0/end").asLong()).isEqualTo(43);
        assertThat(offsets.at("/partitions/1/start").asLong()).isEqualTo(4);
        assertThat(offsets.at("/partitions/1/end").asLong()).isEqualTo(5);

        JsonNode commit = json(events.partitionCommitted(published.get(1), T0));
        assertThat(commit.at("/eventType").asText()).isEqualTo("OTHER");
        assertThat(commit.at("/outputs/0/outputFacets/outputStatistics/rowCount").asLong())
                .isEqualTo(5);
        JsonNode own = commit.at("/inputs/0/inputFacets/lakestream_kafka_offsets/partitions");
        assertThat(own.at("/0/start").asLong()).isEqualTo(15);
        assertThat(own.has("1")).isFalse();
    }

    @Test
    void failCarriesTheErrorMessage() throws Exception {
        RunSpec spec = backfill(new ReplayPlan("events-x", 0, 1, Map.of(0, new long[] {0, 9})));
        JsonNode e =
                json(
                        new LineageEvents(spec, QualityFacets.NONE)
                                .fail(T0, new IllegalStateException("disk full")));
        assertThat(e.at("/eventType").asText()).isEqualTo("FAIL");
        assertThat(e.at("/run/facets/errorMessage/message").asText()).isEqualTo("disk full");
    }

    @Test
    void publishedPartitionsAreThoseWhoseCommittedManifestNamesTheRun() throws Exception {
        writeManifest("user_daily", "date=2026-11-01", "run-a", 7, true);
        writeManifest("user_daily", "date=2026-11-02", "run-b", 8, true);
        writeManifest("user_daily", "date=2026-11-03", "run-a", 9, false);
        writeManifest("user_daily", ".staging/run-a/date=2026-11-04", "run-a", 10, true);
        writeManifest("events", "date=2026-11-01/hour=05", "run-a", 11, true);

        List<PublishedPartition> found =
                PublishedPartition.ofRun(lake, List.of("user_daily", "events", "dau"), "run-a");

        assertThat(found)
                .extracting(p -> p.table() + "/" + p.partition() + "=" + p.rows())
                .containsExactly(
                        "events/date=2026-11-01/hour=05=11", "user_daily/date=2026-11-01=7");
    }

    @Test
    void quarantinedPartitionsOfTheRunAreReportedApartWithTheirStatus() throws Exception {
        writeManifest("user_daily", "date=2026-11-01", "run-a", 7, true);
        writeManifest("user_daily", "date=2026-11-03", "run-a", 9, false);
        Files.writeString(lake.resolve("user_daily/date=2026-11-03/_QUARANTINED"), "rule\n");
        writeManifest("user_daily", "date=2026-11-04", "run-b", 9, false);
        Files.writeString(lake.resolve("user_daily/date=2026-11-04/_QUARANTINED"), "rule\n");

        List<PublishedPartition> held =
                PublishedPartition.quarantinedOfRun(lake, List.of("user_daily"), "run-a");

        assertThat(held)
                .extracting(PublishedPartition::partition)
                .containsExactly("date=2026-11-03");
        RunSpec spec = backfill(new ReplayPlan("events-x", 0, 1, Map.of(0, new long[] {0, 9})));
        JsonNode e =
                json(
                        new LineageEvents(spec, QualityFacets.NONE)
                                .partitionQuarantined(held.get(0), T0));
        assertThat(e.at("/eventType").asText()).isEqualTo("OTHER");
        JsonNode described = e.at("/outputs/0/outputFacets/lakestream_partitions/partitions/0");
        assertThat(described.at("/partition").asText()).isEqualTo("date=2026-11-03");
        assertThat(described.at("/status").asText()).isEqualTo(LineageEvents.QUARANTINED);
        JsonNode committed =
                json(
                        new LineageEvents(spec, QualityFacets.NONE)
                                .partitionCommitted(
                                        partition("dau", "date=2026-11-01", 1, null), T0));
        assertThat(
                        committed
                                .at(
                                        "/outputs/0/outputFacets/lakestream_partitions/partitions/0/status")
                                .asText())
                .isEqualTo(LineageEvents.PUBLISHED);
    }

    private void writeManifest(String table, String partition, String runId, long rows, boolean ok)
            throws Exception {
        Path dir = lake.resolve(table).resolve(partition);
        Files.createDirectories(dir);
        PartitionManifest m = new PartitionManifest();
        m.table = table;
        m.partition = partition;
        m.runId = runId;
        m.rows = rows;
        m.committedAt = T0.toString();
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());
        if (ok) {
            Files.createFile(dir.resolve(PartitionManifest.SUCCESS_FILE));
        }
    }

    private static PublishedPartition partition(
            String table, String partition, long rows, String offsets) {
        return new PublishedPartition(
                table, partition, rows, rows * 100, 1, "00ff", 1, T0, "events-x", offsets);
    }
}
