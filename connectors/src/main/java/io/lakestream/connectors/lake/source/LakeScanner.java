package io.lakestream.connectors.lake.source;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.internal.SourceOffsets;
import io.lakestream.connectors.lake.read.LakeFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Plans the read of one lake table over an inclusive date range, with partition pruning: the folder
 * of each date in range is addressed by name ({@code <lake>/<table>/date=YYYY-MM-DD}), so the table
 * folder is never listed and dates out of range are never touched, however many there are. An
 * hourly table's date folder is listed to find its {@code hour=HH} folders.
 *
 * <p>Only committed partitions are read (those with {@code _SUCCESS}), and of those exactly the
 * files their {@code _MANIFEST.json} names: the manifest is the commit record, so files it does not
 * name (left by a failed attempt), hidden files and the {@code .staging} / {@code .trash} folders
 * of backfills are ignored. No data file is opened here.
 *
 * <pre>{@code
 * LakeScan scan = LakeScanner.of("/data/lake")
 *         .scan("events", PartitionScheme.DATE_HOUR, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"));
 * scan.messages().forEach(System.err::println);
 * }</pre>
 */
public final class LakeScanner {

    private final Path root;
    private final FileSystem fs;

    public LakeScanner(Path root) throws IOException {
        this.root = Objects.requireNonNull(root, "root");
        this.fs = root.getFileSystem();
    }

    /** A lake at a location: a URI with a scheme ({@code s3://...}) or a local directory. */
    public static LakeScanner of(String location) throws IOException {
        if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*")) {
            return new LakeScanner(new Path(location));
        }
        return new LakeScanner(new Path(Paths.get(location).toAbsolutePath().normalize().toUri()));
    }

    public Path root() {
        return root;
    }

    /**
     * The committed partitions of {@code table} whose dates lie in {@code [from, to]}.
     *
     * @throws LakeScanException if a committed partition in range is damaged (no manifest, a
     *     manifest that cannot be read, a named file that is missing)
     */
    public LakeScan scan(String table, PartitionScheme scheme, LocalDate from, LocalDate to)
            throws IOException {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(scheme, "scheme");
        if (from == null || to == null || from.isAfter(to)) {
            throw new IllegalArgumentException(
                    "a lake scan needs from <= to, was " + from + " .. " + to);
        }
        Scan s = new Scan(table, scheme);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            s.date(d);
        }
        return new LakeScan(
                table,
                scheme,
                from,
                to,
                s.partitions,
                s.uncommitted,
                s.missingDates,
                s.withoutOffsets,
                s.messages,
                s.listed,
                s.topics,
                s.offsets.nextOffsets());
    }

    /** The state of one scan. */
    private final class Scan {
        final String table;
        final PartitionScheme scheme;
        final Path tableDir;
        final List<ScannedPartition> partitions = new ArrayList<>();
        final List<Partition> uncommitted = new ArrayList<>();
        final List<LocalDate> missingDates = new ArrayList<>();
        final List<Partition> withoutOffsets = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        final List<Path> listed = new ArrayList<>();
        final Set<String> topics = new LinkedHashSet<>();
        final SourceOffsets offsets = new SourceOffsets();

        Scan(String table, PartitionScheme scheme) {
            this.table = table;
            this.scheme = scheme;
            this.tableDir = new Path(root, table);
        }

        void date(LocalDate date) throws IOException {
            Path dateDir = new Path(tableDir, "date=" + date);
            List<FileStatus> children = list(dateDir);
            if (children == null) {
                missingDates.add(date);
                messages.add(table + ": no partition for " + date + " (no folder " + dateDir + ")");
                return;
            }
            int committed = 0;
            int uncommittedBefore = uncommitted.size();
            List<FileStatus> hours =
                    children.stream()
                            .filter(c -> c.isDir() && c.getPath().getName().matches("hour=\\d{2}"))
                            .sorted(Comparator.comparing(c -> c.getPath().getName()))
                            .toList();
            if (scheme == PartitionScheme.DATE) {
                if (!hours.isEmpty()) {
                    throw new LakeScanException(
                            dateDir
                                    + " holds hour= folders: table '"
                                    + table
                                    + "' is partitioned by date and hour, not by date");
                }
                committed += partition(Partition.daily(date), dateDir, children);
            } else {
                if (children.stream()
                        .anyMatch(
                                c ->
                                        PartitionManifest.SUCCESS_FILE.equals(
                                                c.getPath().getName()))) {
                    throw new LakeScanException(
                            dateDir
                                    + " is a committed daily partition: table '"
                                    + table
                                    + "' is partitioned by date, not by date and hour");
                }
                for (FileStatus hour : hours) {
                    Partition p = Partition.parse("date=" + date + "/" + hour.getPath().getName());
                    List<FileStatus> files = list(hour.getPath());
                    committed += partition(p, hour.getPath(), files == null ? List.of() : files);
                }
            }
            if (committed == 0) {
                missingDates.add(date);
                messages.add(
                        table
                                + ": no committed partition for "
                                + date
                                + (uncommitted.size() > uncommittedBefore
                                        ? " (only uncommitted ones, skipped)"
                                        : " (folder " + dateDir + " holds none)"));
            }
        }

        /** Adds the partition if committed; returns 1 if it was. */
        int partition(Partition p, Path dir, List<FileStatus> children) throws IOException {
            Map<String, FileStatus> byName = new HashMap<>();
            for (FileStatus c : children) {
                byName.put(c.getPath().getName(), c);
            }
            if (!byName.containsKey(PartitionManifest.SUCCESS_FILE)) {
                uncommitted.add(p);
                messages.add(
                        table
                                + "/"
                                + p.path()
                                + " is not committed (no "
                                + PartitionManifest.SUCCESS_FILE
                                + "), skipped: a stream has not finished it, or a run failed");
                return 0;
            }
            if (!byName.containsKey(PartitionManifest.FILE_NAME)) {
                throw damaged(p, "has " + PartitionManifest.SUCCESS_FILE + " but no manifest");
            }
            PartitionManifest m = manifest(p, new Path(dir, PartitionManifest.FILE_NAME));
            List<LakeFile> files = new ArrayList<>();
            for (PartitionManifest.FileEntry e : m.files) {
                String name = e.name;
                if (name == null
                        || name.isEmpty()
                        || name.contains("/")
                        || name.startsWith(".")
                        || name.startsWith("_")) {
                    throw damaged(p, "its manifest names a file '" + name + "'");
                }
                FileStatus f = byName.get(name);
                if (f == null || f.isDir()) {
                    throw damaged(p, "its manifest names " + name + ", which is missing");
                }
                files.add(new LakeFile(name, f.getPath(), f.getLen()));
            }
            Object rowOffsets =
                    m.source == null ? null : m.source.get(PartitionManifest.SOURCE_ROW_OFFSETS);
            if (rowOffsets != null) {
                try {
                    offsets.merge(SourceOffsets.parse(rowOffsets.toString()));
                } catch (IllegalArgumentException e) {
                    throw damaged(
                            p, "its manifest's source offsets cannot be read: " + e.getMessage());
                }
            } else if (m.rows > 0) {
                withoutOffsets.add(p);
            }
            Object topic = m.source == null ? null : m.source.get(PartitionManifest.SOURCE_TOPIC);
            if (topic != null) {
                topics.add(topic.toString());
            }
            partitions.add(new ScannedPartition(p, m, files));
            return 1;
        }

        PartitionManifest manifest(Partition p, Path file) throws IOException {
            try (InputStream in = fs.open(file)) {
                return PartitionManifest.read(in);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw damaged(p, "its manifest cannot be parsed (" + e.getOriginalMessage() + ")");
            }
        }

        LakeScanException damaged(Partition p, String what) {
            return new LakeScanException(
                    "lake table '"
                            + table
                            + "' is damaged: "
                            + new Path(tableDir, p.path())
                            + " "
                            + what
                            + " (run 'lakestream verify --table "
                            + table
                            + "', then restate the partition with a backfill)");
        }

        /** The children of a folder, or null if it does not exist. */
        List<FileStatus> list(Path dir) throws IOException {
            if (!fs.exists(dir)) {
                return null;
            }
            listed.add(dir);
            FileStatus[] children = fs.listStatus(dir);
            return children == null ? List.of() : Arrays.asList(children);
        }
    }
}
