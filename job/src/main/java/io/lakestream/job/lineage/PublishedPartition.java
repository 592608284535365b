package io.lakestream.job.lineage;

import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.quality.QualityReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One partition a run published (or wrote and quarantined), as its {@code _MANIFEST.json} says: the
 * oracle of what lineage reports as a run's output, read after the run's tables are finalised.
 *
 * @param partition the partition's path in its table, e.g. {@code date=2026-11-01/hour=03}
 * @param offsetsOfRows per Kafka partition the offsets of its rows, {@code "p:[first,last]"}
 *     (inclusive), or null when the table is not read straight from Kafka
 */
public record PublishedPartition(
        String table,
        String partition,
        long rows,
        long bytes,
        int files,
        String checksum,
        int version,
        Instant committedAt,
        String topic,
        String offsetsOfRows) {

    /** The partitions of {@code tables} under {@code lake} whose manifest names {@code runId}. */
    public static List<PublishedPartition> ofRun(Path lake, Collection<String> tables, String runId)
            throws IOException {
        return ofRun(lake, tables, runId, PartitionManifest.SUCCESS_FILE);
    }

    /**
     * The partitions of {@code tables} that run {@code runId} wrote and its quality gate held back
     * ({@code _QUARANTINED}, docs/decisions/0021): written, with a manifest, but not published.
     */
    public static List<PublishedPartition> quarantinedOfRun(
            Path lake, Collection<String> tables, String runId) throws IOException {
        return ofRun(lake, tables, runId, QualityReport.QUARANTINED_FILE);
    }

    private static List<PublishedPartition> ofRun(
            Path lake, Collection<String> tables, String runId, String marker) throws IOException {
        List<PublishedPartition> out = new ArrayList<>();
        for (String table : tables) {
            Path dir = lake.resolve(table);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path manifest :
                        files.filter(p -> p.endsWith(PartitionManifest.FILE_NAME))
                                .filter(p -> !hidden(dir.relativize(p)))
                                .toList()) {
                    Path folder = manifest.getParent();
                    if (!Files.exists(folder.resolve(marker))) {
                        continue;
                    }
                    PartitionManifest m;
                    try (InputStream in = Files.newInputStream(manifest)) {
                        m = PartitionManifest.read(in);
                    }
                    if (runId.equals(m.runId)) {
                        out.add(of(table, dir.relativize(folder).toString(), m));
                    }
                }
            }
        }
        out.sort(
                Comparator.comparing(PublishedPartition::table)
                        .thenComparing(PublishedPartition::partition));
        return out;
    }

    static PublishedPartition of(String table, String partition, PartitionManifest m) {
        long bytes = m.files.stream().mapToLong(f -> f.bytes).sum();
        Object topic = m.source.get(PartitionManifest.SOURCE_TOPIC);
        Object offsets = m.source.get(PartitionManifest.SOURCE_ROW_OFFSETS);
        return new PublishedPartition(
                table,
                partition.replace('\\', '/'),
                m.rows,
                bytes,
                m.files.size(),
                m.checksum,
                m.version,
                parse(m.committedAt),
                topic == null ? null : topic.toString(),
                offsets == null ? null : offsets.toString());
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Instant parse(String committedAt) {
        if (committedAt == null) {
            return null;
        }
        try {
            return Instant.parse(committedAt);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
