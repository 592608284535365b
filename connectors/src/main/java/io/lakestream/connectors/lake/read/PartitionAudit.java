package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.PartitionManifest.FileEntry;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.connectors.lake.read.Problem.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that a partition holds what its writer committed: reads every visible Parquet file,
 * recomputes rows and {@link RowChecksum}, and compares them, file by file and in total, with
 * {@code _MANIFEST.json}. A manifest can only be trusted if this holds, and partitions written by
 * different runs can only be compared on recomputed values.
 */
public final class PartitionAudit {

    private final LakeReader lake;

    public PartitionAudit(LakeReader lake) {
        this.lake = lake;
    }

    /** Audits one partition; throws only if the partition cannot be listed. */
    public PartitionReport audit(String table, Partition partition) throws IOException {
        List<Problem> problems = new ArrayList<>();
        if (!lake.hasSuccess(table, partition)) {
            Optional<String> quarantined = lake.quarantineReason(table, partition);
            problems.add(
                    quarantined.isPresent()
                            ? new Problem(
                                    Kind.QUARANTINED,
                                    "quarantined by its quality rules, not committed: "
                                            + quarantined.get()
                                            + " (see "
                                            + QualityReport.FILE_NAME
                                            + ")")
                            : new Problem(
                                    Kind.MISSING_SUCCESS,
                                    "no " + PartitionManifest.SUCCESS_FILE + " (not committed)"));
        }
        PartitionManifest manifest = readManifest(table, partition, problems);

        List<LakeFile> onDisk = lake.dataFiles(table, partition);
        List<FileStats> files = new ArrayList<>();
        RowChecksum hasher = new RowChecksum();
        long rows = 0;
        long checksum = 0;
        for (LakeFile file : onDisk) {
            try {
                FileStats stats = scan(file, hasher);
                files.add(stats);
                rows += stats.rows();
                checksum += stats.checksum();
            } catch (IOException | RuntimeException e) {
                problems.add(
                        new Problem(
                                Kind.UNREADABLE_FILE,
                                file.name() + " is not readable Parquet: " + e.getMessage()));
            }
        }
        if (manifest != null) {
            compareFiles(manifest, onDisk, files, problems);
            compareTotals(manifest, rows, checksum, problems);
        }
        return new PartitionReport(table, partition, rows, checksum, files, manifest, problems);
    }

    private PartitionManifest readManifest(String table, Partition p, List<Problem> problems) {
        try {
            PartitionManifest manifest = lake.manifest(table, p).orElse(null);
            if (manifest == null) {
                problems.add(
                        new Problem(Kind.MISSING_MANIFEST, "no " + PartitionManifest.FILE_NAME));
            }
            return manifest;
        } catch (IOException | RuntimeException e) {
            problems.add(
                    new Problem(
                            Kind.UNREADABLE_MANIFEST,
                            PartitionManifest.FILE_NAME + " is not readable: " + e.getMessage()));
            return null;
        }
    }

    private FileStats scan(LakeFile file, RowChecksum hasher) throws IOException {
        long[] rowsAndSum = new long[2];
        lake.read(
                file,
                record -> {
                    rowsAndSum[0]++;
                    rowsAndSum[1] += hasher.hash(record);
                });
        return new FileStats(file.name(), rowsAndSum[0], file.bytes(), rowsAndSum[1]);
    }

    private static void compareFiles(
            PartitionManifest manifest,
            List<LakeFile> onDisk,
            List<FileStats> readable,
            List<Problem> problems) {
        Map<String, FileEntry> listed = new LinkedHashMap<>();
        for (FileEntry e : manifest.files == null ? List.<FileEntry>of() : manifest.files) {
            listed.put(e.name, e);
        }
        Set<String> present = new TreeSet<>();
        for (LakeFile f : onDisk) {
            present.add(f.name());
            if (!listed.containsKey(f.name())) {
                problems.add(
                        new Problem(
                                Kind.FILE_NOT_IN_MANIFEST, f.name() + " is not in the manifest"));
            }
        }
        for (String name : listed.keySet()) {
            if (!present.contains(name)) {
                problems.add(
                        new Problem(Kind.FILE_MISSING, name + " is in the manifest, not on disk"));
            }
        }
        for (FileStats f : readable) {
            FileEntry e = listed.get(f.name());
            if (e != null) {
                String diff = fileDiff(e, f);
                if (!diff.isEmpty()) {
                    problems.add(new Problem(Kind.FILE_MISMATCH, f.name() + ":" + diff));
                }
            }
        }
    }

    private static String fileDiff(FileEntry e, FileStats f) {
        StringBuilder diff = new StringBuilder();
        if (e.rows != f.rows()) {
            diff.append(String.format(" rows %d in manifest, %d in file", e.rows, f.rows()));
        }
        if (e.bytes != f.bytes()) {
            diff.append(String.format(" bytes %d in manifest, %d on disk", e.bytes, f.bytes()));
        }
        if (e.checksum != null && !e.checksum.equalsIgnoreCase(f.checksumHex())) {
            diff.append(
                    String.format(
                            " checksum %s in manifest, %s in file", e.checksum, f.checksumHex()));
        }
        return diff.toString();
    }

    private static void compareTotals(
            PartitionManifest manifest, long rows, long checksum, List<Problem> problems) {
        if (manifest.rows != rows) {
            problems.add(
                    new Problem(
                            Kind.ROWS_MISMATCH,
                            String.format(
                                    "rows %d in manifest, %d in files", manifest.rows, rows)));
        }
        String actual = RowChecksum.format(checksum);
        if (manifest.checksum == null || !manifest.checksum.equalsIgnoreCase(actual)) {
            problems.add(
                    new Problem(
                            Kind.CHECKSUM_MISMATCH,
                            String.format(
                                    "checksum %s in manifest, %s in files",
                                    manifest.checksum, actual)));
        }
    }
}
