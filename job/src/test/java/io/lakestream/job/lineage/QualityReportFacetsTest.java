package io.lakestream.job.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.openlineage.client.OpenLineageClientUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partition's {@code _QUALITY.json} reaches its commit event; no report, no facet. */
class QualityReportFacetsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");

    @TempDir Path lake;

    private static QualityReport report() {
        QualityReport r = new QualityReport();
        r.table = "events";
        r.partition = "date=2026-11-01/hour=03";
        r.verdict = "published";
        r.expectations = "expectations/events.yaml";
        r.evaluationMillis = 12.5;
        QualityReport.Rule mean = new QualityReport.Rule();
        mean.name = "mean(price)";
        mean.rule = "mean";
        mean.column = "price";
        mean.policy = "warn";
        mean.observed = 4210.5;
        mean.max = 1000.0;
        mean.passed = false;
        QualityReport.Rule rows = new QualityReport.Rule();
        rows.name = "row_count";
        rows.rule = "row_count";
        rows.policy = "fail-job";
        rows.observed = 500.0;
        rows.min = 1.0;
        rows.passed = true;
        r.rules = List.of(mean, rows);
        return r;
    }

    private JsonNode commitEvent(String partition) throws Exception {
        RunSpec spec =
                RunSpec.builder()
                        .mode(RunMode.STREAM)
                        .lake(lake.toString())
                        .topic("events-x")
                        .runId("stream-1")
                        .build();
        PublishedPartition p =
                new PublishedPartition(
                        "events", partition, 500, 9000, 1, "00ff", 1, T0, "events-x", "0:[1,500]");
        return new ObjectMapper()
                .readTree(
                        OpenLineageClientUtils.toJson(
                                new LineageEvents(spec, new QualityReportFacets(lake))
                                        .partitionCommitted(p, T0)));
    }

    @Test
    void theReportBecomesTheQualityFacetOfThePartitionsCommit() throws Exception {
        Path dir = Files.createDirectories(lake.resolve("events/date=2026-11-01/hour=03"));
        Files.write(dir.resolve(QualityReport.FILE_NAME), report().toJson());
        JsonNode facet =
                commitEvent("date=2026-11-01/hour=03")
                        .at("/outputs/0/outputFacets/" + QualityReportFacets.FACET);
        assertThat(facet.at("/verdict").asText()).isEqualTo("published");
        assertThat(facet.at("/expectations").asText()).isEqualTo("expectations/events.yaml");
        assertThat(facet.at("/_schemaURL").asText()).isNotEmpty();
        assertThat(facet.at("/assertions").findValuesAsText("assertion"))
                .containsExactly("mean(price)", "row_count");
        assertThat(facet.at("/assertions/0/success").asBoolean()).isFalse();
        assertThat(facet.at("/assertions/0/column").asText()).isEqualTo("price");
        assertThat(facet.at("/assertions/0/observed").asDouble()).isEqualTo(4210.5);
        assertThat(facet.at("/assertions/0/max").asDouble()).isEqualTo(1000.0);
        assertThat(facet.at("/assertions/1/success").asBoolean()).isTrue();
        assertThat(facet.at("/assertions/1/column").isMissingNode()).isTrue();
    }

    @Test
    void aPartitionWithoutAReportHasNoQualityFacet() throws Exception {
        JsonNode outputs = commitEvent("date=2026-11-01/hour=04").at("/outputs/0/outputFacets");
        assertThat(outputs.has(QualityReportFacets.FACET)).isFalse();
        assertThat(outputs.has("outputStatistics")).isTrue();
    }
}
