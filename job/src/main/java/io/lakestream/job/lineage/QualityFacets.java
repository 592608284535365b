package io.lakestream.job.lineage;

import io.openlineage.client.OpenLineage;
import java.util.Map;

/**
 * Where the data-quality results of a published partition join its lineage (on the partition's own
 * commit event, not the run's COMPLETE summary): the output facets (e.g. {@code
 * dataQualityAssertions}) that the partition's quality gate reports. Lakestream has no quality gate
 * yet (issue 6, part 1), so runs use {@link #NONE}; when the gate exists it supplies an
 * implementation reading its {@code _QUALITY.json}, and the events carry the results without
 * further change here.
 */
@FunctionalInterface
public interface QualityFacets {

    /** No quality results: nothing is claimed. */
    QualityFacets NONE = (ol, partition) -> Map.of();

    /** The output dataset facets of {@code partition}'s quality results, by facet name. */
    Map<String, OpenLineage.OutputDatasetFacet> of(OpenLineage ol, PublishedPartition partition);
}
