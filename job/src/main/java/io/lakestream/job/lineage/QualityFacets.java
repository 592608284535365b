package io.lakestream.job.lineage;

import io.openlineage.client.OpenLineage;
import java.util.Map;

/**
 * Where the data-quality results of a published partition join its lineage (on the partition's own
 * commit event, not the run's COMPLETE summary): the output facets (e.g. {@code
 * dataQualityAssertions}) that the partition's quality gate reports. Runs use {@link
 * QualityReportFacets}, which reads the partition's {@code _QUALITY.json}; {@link #NONE} claims
 * nothing.
 */
@FunctionalInterface
public interface QualityFacets {

    /** No quality results: nothing is claimed. */
    QualityFacets NONE = (ol, partition) -> Map.of();

    /** The output dataset facets of {@code partition}'s quality results, by facet name. */
    Map<String, OpenLineage.OutputDatasetFacet> of(OpenLineage ol, PublishedPartition partition);
}
