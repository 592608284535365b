package io.lakestream.job.lineage;

import io.lakestream.connectors.lake.quality.QualityReport;
import io.openlineage.client.OpenLineage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality results of a published partition, read from its {@code _QUALITY.json}, as the output
 * facet {@code lakestream_quality} of the partition's commit event: the verdict, the expectations
 * file, and per rule an assertion ({@code assertion}, {@code success}, {@code column}, as
 * OpenLineage's {@code dataQualityAssertions} has them) with the observed value and bounds.
 * OpenLineage defines {@code dataQualityAssertions} for input datasets only, hence a facet of our
 * own on the output. A partition without a report (its table has no expectations) gets none.
 */
public final class QualityReportFacets implements QualityFacets {

    public static final String FACET = "lakestream_quality";

    private final Path lake;

    public QualityReportFacets(Path lake) {
        this.lake = lake;
    }

    @Override
    public Map<String, OpenLineage.OutputDatasetFacet> of(
            OpenLineage ol, PublishedPartition partition) {
        Path file =
                lake.resolve(partition.table())
                        .resolve(partition.partition())
                        .resolve(QualityReport.FILE_NAME);
        if (!Files.exists(file)) {
            return Map.of();
        }
        QualityReport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = QualityReport.read(in);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read " + file + ": " + e.getMessage(), e); // lineage logs one line
        }
        List<Map<String, Object>> assertions = new ArrayList<>();
        for (QualityReport.Rule r : report.rules) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("assertion", r.name);
            a.put("success", r.passed);
            if (r.column != null) {
                a.put("column", r.column);
            }
            a.put("rule", r.rule);
            a.put("policy", r.policy);
            if (r.observed != null) {
                a.put("observed", r.observed);
            }
            if (r.min != null) {
                a.put("min", r.min);
            }
            if (r.max != null) {
                a.put("max", r.max);
            }
            assertions.add(a);
        }
        OpenLineage.OutputDatasetFacet facet = ol.newOutputDatasetFacet();
        facet.getAdditionalProperties().put("verdict", report.verdict);
        facet.getAdditionalProperties().put("expectations", report.expectations);
        facet.getAdditionalProperties().put("evaluation_ms", report.evaluationMillis);
        facet.getAdditionalProperties().put("assertions", assertions);
        return Map.of(FACET, facet);
    }
}
