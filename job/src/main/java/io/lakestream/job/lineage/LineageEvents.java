package io.lakestream.job.lineage;

import io.lakestream.connectors.lake.source.LakeScan;
import io.lakestream.connectors.lake.source.ScannedPartition;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenLineage events of one run from what Lakestream knows of it: the planned {@link
 * RunSpec} (job, run id, source, replay offsets, lake partitions read) and, at its end, the
 * partitions it published (their manifests). Pure: no I/O, so every field is unit-testable.
 *
 * <p>Names: the job is {@code lakestream} / {@code <pipelines>.<mode>} (e.g. {@code
 * user_daily,dau.backfill}); a topic is {@code kafka://<first bootstrap server>} / {@code <topic>};
 * a lake table is {@code file} / {@code <absolute lake path>/<table>} (OpenLineage's naming for
 * local files). Custom facets are prefixed {@code lakestream_}.
 */
public final class LineageEvents {

    /** The job namespace of every Lakestream run. */
    public static final String JOB_NAMESPACE = "lakestream";

    /** Run facet: Lakestream's own run id, mode, source, pipelines and lake. */
    public static final String RUN_FACET = "lakestream_run";

    /** Input facet: the Kafka offsets read, per partition {@code [start, end)}. */
    public static final String OFFSETS_FACET = "lakestream_kafka_offsets";

    /** Input and output facet: the table partitions read or written. */
    public static final String PARTITIONS_FACET = "lakestream_partitions";

    /** A partition's {@code status} in {@link #PARTITIONS_FACET}: published ({@code _SUCCESS}). */
    public static final String PUBLISHED = "published";

    /** A partition's {@code status}: held back by the quality gate ({@code _QUARANTINED}). */
    public static final String QUARANTINED = "quarantined";

    static final URI PRODUCER = URI.create("urn:lakestream:lineage:1");

    private final OpenLineage ol = new OpenLineage(PRODUCER);
    private final RunSpec spec;
    private final QualityFacets quality;

    public LineageEvents(RunSpec spec, QualityFacets quality) {
        this.spec = spec;
        this.quality = quality;
    }

    /** {@code pipelines.mode}, e.g. {@code user_daily,dau.backfill}. */
    public static String jobName(RunSpec spec) {
        return String.join(",", spec.pipelines) + "." + spec.mode.label();
    }

    /** START: what the run will read (as planned) and the tables it writes. */
    public RunEvent start(Instant at, Collection<String> tables) {
        List<OutputDataset> outputs = new ArrayList<>();
        for (String table : tables) {
            outputs.add(
                    ol.newOutputDatasetBuilder().namespace("file").name(tableName(table)).build());
        }
        return event(EventType.START, at, inputs(List.of()), outputs, null);
    }

    /**
     * OTHER, one per published partition, timed at its commit: the partition as the run's output
     * (its rows as output statistics) and, when its rows came from Kafka, their offsets.
     */
    public RunEvent partitionCommitted(PublishedPartition p, Instant fallbackTime) {
        List<InputDataset> inputs =
                p.offsetsOfRows() != null && spec.source == SourceKind.KAFKA
                        ? List.of(
                                kafkaInput(
                                        KafkaOffsetRanges.ofRowOffsets(List.of(p.offsetsOfRows()))))
                        : inputs(List.of());
        return event(
                EventType.OTHER,
                p.committedAt() == null ? fallbackTime : p.committedAt(),
                inputs,
                List.of(output(p.table(), List.of(p))),
                null);
    }

    /**
     * A partition the run wrote and its quality gate held back ({@code _QUARANTINED}): an OTHER
     * event like a commit's, its partition marked {@code "status": "quarantined"}, with the failed
     * rules in its quality facet, so a lineage tool shows the bad version and why.
     */
    public RunEvent partitionQuarantined(PublishedPartition p, Instant fallbackTime) {
        return event(
                EventType.OTHER,
                p.committedAt() == null ? fallbackTime : p.committedAt(),
                inputs(List.of()),
                List.of(output(p.table(), List.of(p), QUARANTINED)),
                null);
    }

    /** COMPLETE: the run's inputs and every partition it published, per table. */
    public RunEvent complete(Instant at, List<PublishedPartition> published) {
        Map<String, List<PublishedPartition>> byTable = new TreeMap<>();
        for (PublishedPartition p : published) {
            byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p);
        }
        List<OutputDataset> outputs = new ArrayList<>();
        byTable.forEach((table, partitions) -> outputs.add(output(table, partitions)));
        return event(EventType.COMPLETE, at, inputs(published), outputs, null);
    }

    /** FAIL: the run's planned inputs and the error's message. */
    public RunEvent fail(Instant at, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return event(EventType.FAIL, at, inputs(List.of()), List.of(), message);
    }

    private RunEvent event(
            EventType type,
            Instant at,
            List<InputDataset> inputs,
            List<OutputDataset> outputs,
            String error) {
        OpenLineage.RunFacet runFacet = ol.newRunFacet();
        runFacet.getAdditionalProperties().put("run_id", spec.runId);
        runFacet.getAdditionalProperties().put("mode", spec.mode.label());
        runFacet.getAdditionalProperties().put("source", spec.source.label());
        runFacet.getAdditionalProperties().put("pipelines", spec.pipelines);
        runFacet.getAdditionalProperties().put("lake", lakePath());
        OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder().put(RUN_FACET, runFacet);
        if (error != null) {
            facets.errorMessage(ol.newErrorMessageRunFacet(error, "Java", null));
        }
        return ol.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
                .run(ol.newRun(LineageRunId.of(spec.runId), facets.build()))
                .job(ol.newJobBuilder().namespace(JOB_NAMESPACE).name(jobName(spec)).build())
                .inputs(inputs)
                .outputs(outputs)
                .build();
    }

    /**
     * What the run reads: the lake partitions it scanned, and the topic with the replayed offsets
     * (a backfill) or, given published partitions, the offsets of their rows (a stream).
     */
    private List<InputDataset> inputs(List<PublishedPartition> published) {
        List<InputDataset> inputs = new ArrayList<>();
        if (spec.source.readsLake()) {
            for (LakeScan scan : new LakeScan[] {spec.eventsScan, spec.lateEventsScan}) {
                if (scan != null) {
                    inputs.add(lakeInput(scan));
                }
            }
        }
        if (spec.source != SourceKind.LAKE) {
            KafkaOffsetRanges offsets;
            if (spec.replay != null) {
                offsets = KafkaOffsetRanges.of(spec.replay);
            } else {
                List<String> rowOffsets = new ArrayList<>();
                for (PublishedPartition p : published) {
                    if (spec.topic.equals(p.topic())) {
                        rowOffsets.add(p.offsetsOfRows());
                    }
                }
                offsets = KafkaOffsetRanges.ofRowOffsets(rowOffsets);
            }
            inputs.add(kafkaInput(offsets));
        }
        return inputs;
    }

    private InputDataset kafkaInput(KafkaOffsetRanges offsets) {
        OpenLineage.InputDatasetBuilder b =
                ol.newInputDatasetBuilder().namespace(kafkaNamespace()).name(spec.topic);
        if (!offsets.isEmpty()) {
            OpenLineage.InputDatasetFacet facet = ol.newInputDatasetFacet();
            facet.getAdditionalProperties().put("topic", spec.topic);
            facet.getAdditionalProperties().put("bounds", "[start,end)");
            facet.getAdditionalProperties().put("partitions", offsets.asFacetValue());
            facet.getAdditionalProperties().put("records", offsets.records());
            b.inputFacets(ol.newInputDatasetInputFacetsBuilder().put(OFFSETS_FACET, facet).build());
        }
        return b.build();
    }

    private InputDataset lakeInput(LakeScan scan) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (ScannedPartition p : scan.partitions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partition", p.partition().path());
            m.put("rows", p.rows());
            m.put("run_id", p.manifest().runId);
            partitions.add(m);
        }
        OpenLineage.InputDatasetFacet facet = ol.newInputDatasetFacet();
        facet.getAdditionalProperties().put("partitions", partitions);
        return ol.newInputDatasetBuilder()
                .namespace("file")
                .name(tableName(scan.table()))
                .inputFacets(
                        ol.newInputDatasetInputFacetsBuilder().put(PARTITIONS_FACET, facet).build())
                .build();
    }

    private OutputDataset output(String table, List<PublishedPartition> partitions) {
        return output(table, partitions, PUBLISHED);
    }

    private OutputDataset output(String table, List<PublishedPartition> partitions, String status) {
        long rows = 0;
        long bytes = 0;
        long files = 0;
        List<Map<String, Object>> described = new ArrayList<>();
        OpenLineage.OutputDatasetOutputFacetsBuilder facets =
                ol.newOutputDatasetOutputFacetsBuilder();
        for (PublishedPartition p : partitions) {
            rows += p.rows();
            bytes += p.bytes();
            files += p.files();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partition", p.partition());
            m.put("rows", p.rows());
            m.put("version", p.version());
            m.put("checksum", p.checksum());
            m.put("status", status);
            described.add(m);
            if (partitions.size() == 1) {
                // quality results belong to one partition: only its own commit event has them
                quality.of(ol, p).forEach(facets::put);
            }
        }
        OpenLineage.OutputDatasetFacet partitionsFacet = ol.newOutputDatasetFacet();
        partitionsFacet.getAdditionalProperties().put("partitions", described);
        facets.outputStatistics(
                        ol.newOutputStatisticsOutputDatasetFacetBuilder()
                                .rowCount(rows)
                                .size(bytes)
                                .fileCount(files)
                                .build())
                .put(PARTITIONS_FACET, partitionsFacet);
        return ol.newOutputDatasetBuilder()
                .namespace("file")
                .name(tableName(table))
                .outputFacets(facets.build())
                .build();
    }

    /** {@code kafka://host:port} of the first bootstrap server. */
    private String kafkaNamespace() {
        return "kafka://" + spec.bootstrap.split(",")[0].trim();
    }

    private String tableName(String table) {
        return lakePath() + "/" + table;
    }

    private String lakePath() {
        return Path.of(spec.lake).toAbsolutePath().normalize().toString().replace('\\', '/');
    }
}
