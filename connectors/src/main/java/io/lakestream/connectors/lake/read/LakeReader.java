package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.quality.QualityReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads a lake as its writers laid it out ({@code <lake>/<table>/date=YYYY-MM-DD/[hour=HH/]}):
 * tables, partitions, {@code _SUCCESS}, {@code _MANIFEST.json} and the rows of Parquet files.
 *
 * <p>All listing goes through Flink's {@link FileSystem}, in this one class, so the same code reads
 * a local lake and (with the file system's plugin) an object store. Names starting with {@code .}
 * or {@code _} are hidden inside a table (in-progress files, markers, the manifest); at the lake
 * root only {@code .}-names are hidden, since {@code _late_events} and {@code _quarantine} are
 * tables. Rows are read with a plain {@link GenericData} (no logical-type conversions), so values
 * are the Avro base types the writer hashed with {@code RowChecksum}.
 */
public final class LakeReader {

    private final Path root;
    private final FileSystem fs;

    public LakeReader(Path root) throws IOException {
        this.root = root;
        this.fs = root.getFileSystem();
    }

    /** A lake at a location: a URI with a scheme ({@code s3://...}) or a local directory. */
    public static LakeReader of(String location) throws IOException {
        if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*")) {
            return new LakeReader(new Path(location));
        }
        return local(Paths.get(location));
    }

    public static LakeReader local(java.nio.file.Path dir) throws IOException {
        return new LakeReader(new Path(dir.toAbsolutePath().normalize().toUri()));
    }

    public Path root() {
        return root;
    }

    public boolean exists() throws IOException {
        return fs.exists(root) && fs.getFileStatus(root).isDir();
    }

    /**
     * The folder of the lake's lineage events ({@code _lineage/events-YYYY-MM-DD.jsonl}): JSON
     * lines, not a table, so {@link #tables()} leaves it out.
     */
    public static final String LINEAGE_DIR = "_lineage";

    /** The tables of the lake, sorted by name. */
    public List<String> tables() throws IOException {
        List<String> tables = new ArrayList<>();
        for (FileStatus s : list(root)) {
            String name = s.getPath().getName();
            if (s.isDir() && !name.startsWith(".") && !name.equals(LINEAGE_DIR)) {
                tables.add(name);
            }
        }
        tables.sort(Comparator.naturalOrder());
        return tables;
    }

    /** Every partition of {@code table}, sorted; empty if the table does not exist. */
    public List<Partition> partitions(String table) throws IOException {
        return partitions(table, null, null);
    }

    /**
     * The partitions of {@code table} whose date is in {@code [from, to]} (either may be null for
     * an open end), sorted. Only the date folders in range are descended into. A date folder that
     * holds {@code hour=HH} folders is hourly; otherwise it is one daily partition once it holds a
     * file that is not in progress (a data file, {@code _SUCCESS} or the manifest).
     */
    public List<Partition> partitions(String table, LocalDate from, LocalDate to)
            throws IOException {
        List<Partition> partitions = new ArrayList<>();
        for (FileStatus dateDir : list(new Path(root, table))) {
            LocalDate date = parseDate(dateDir);
            if (date == null
                    || (from != null && date.isBefore(from))
                    || (to != null && date.isAfter(to))) {
                continue;
            }
            List<Partition> hours = new ArrayList<>();
            boolean hasFiles = false;
            for (FileStatus child : list(dateDir.getPath())) {
                String name = child.getPath().getName();
                if (child.isDir() && name.matches("hour=\\d{2}")) {
                    hours.add(Partition.parse("date=" + date + "/" + name));
                }
                hasFiles |= !child.isDir() && !name.startsWith(".");
            }
            if (!hours.isEmpty()) {
                partitions.addAll(hours);
            } else if (hasFiles) {
                partitions.add(Partition.daily(date));
            }
        }
        partitions.sort(Comparator.naturalOrder());
        return partitions;
    }

    public Path partitionPath(String table, Partition partition) {
        return new Path(new Path(root, table), partition.path());
    }

    /** The visible files of a partition (what a Hive-style reader would read), sorted by name. */
    public List<LakeFile> dataFiles(String table, Partition partition) throws IOException {
        List<LakeFile> files = new ArrayList<>();
        for (FileStatus s : list(partitionPath(table, partition))) {
            String name = s.getPath().getName();
            if (!s.isDir() && !isHidden(name)) {
                files.add(new LakeFile(name, s.getPath(), s.getLen()));
            }
        }
        files.sort(Comparator.comparing(LakeFile::name));
        return files;
    }

    public boolean hasSuccess(String table, Partition partition) throws IOException {
        return fs.exists(new Path(partitionPath(table, partition), PartitionManifest.SUCCESS_FILE));
    }

    /**
     * Why a quality rule held the partition back (the first line of its {@code _QUARANTINED}), or
     * empty if it is not quarantined.
     */
    public Optional<String> quarantineReason(String table, Partition partition) throws IOException {
        Path marker = new Path(partitionPath(table, partition), QualityReport.QUARANTINED_FILE);
        if (!fs.exists(marker)) {
            return Optional.empty();
        }
        try (InputStream in = fs.open(marker)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Optional.of(text.lines().findFirst().orElse("").trim());
        }
    }

    /** The partition's manifest, or empty if it has none; throws if it cannot be parsed. */
    public Optional<PartitionManifest> manifest(String table, Partition partition)
            throws IOException {
        Path file = new Path(partitionPath(table, partition), PartitionManifest.FILE_NAME);
        if (!fs.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = fs.open(file)) {
            return Optional.of(PartitionManifest.read(in));
        }
    }

    /** Passes every row of a Parquet file to {@code action}, in file order. */
    public void read(LakeFile file, Consumer<GenericRecord> action) throws IOException {
        FlinkInputFile input = new FlinkInputFile(fs, file.path(), file.bytes());
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(input, new PlainParquetConfiguration())
                        .withDataModel(new GenericData())
                        .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                action.accept(r);
            }
        }
    }

    /** Every row of a Parquet file; for small files and tests. */
    public List<GenericRecord> readAll(LakeFile file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        read(file, rows::add);
        return rows;
    }

    static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private List<FileStatus> list(Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return List.of();
        }
        FileStatus[] children = fs.listStatus(dir);
        return children == null ? List.of() : Arrays.asList(children);
    }

    private static LocalDate parseDate(FileStatus dir) {
        String name = dir.getPath().getName();
        if (!dir.isDir() || !name.startsWith("date=")) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring("date=".length()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
