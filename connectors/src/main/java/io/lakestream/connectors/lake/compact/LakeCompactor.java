package io.lakestream.connectors.lake.compact;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Merges the files of committed partitions into canonical files of about a target size, keeping the
 * partition's content checksum; the engine of {@code lakestream compact}.
 *
 * <p>Per partition (docs/decisions/0008-compaction.md): the rows of the files its manifest lists
 * are read, checked against the manifest, sorted in the {@link CanonicalOrder}, written to hidden
 * {@code .compact.<name>} files, read back and checked again. Then the new manifest is written as a
 * hidden intent, and from there on the switch is rolled forward: remove {@code _SUCCESS}, give the
 * new files their visible names, replace the manifest, delete the old files, write {@code
 * _SUCCESS}, delete the intent. A rerun finds an intent and completes it, or finds hidden leftovers
 * of a compaction that never wrote its intent and deletes them.
 *
 * <p>Output is canonical: the same rows give the same files, byte for byte, whatever files they
 * came from, and whichever JVM writes them: Snappy, parquet-avro's default row-group and page
 * sizes, the Avro schema of the existing files, no time or random value in the footer and its lists
 * of encodings sorted ({@link CanonicalFooterStream}), and files rolled at a size measured by the
 * writer itself (which depends on the rows written only).
 *
 * <p>With a {@link BucketSpec} the rows are split by Spark's bucket id of one column instead, one
 * file per non-empty bucket, sorted by that column (docs/decisions/0010-bucketing.md).
 */
public final class LakeCompactor {

    /** The default target file size: 128 MiB. */
    public static final long DEFAULT_TARGET_BYTES = 128L << 20;

    /** Prefix of every hidden file compaction writes into a partition. */
    static final String HIDDEN_PREFIX = ".compact.";

    /** The new manifest, written before the switch starts; the switch rolls forward from it. */
    static final String INTENT = HIDDEN_PREFIX + PartitionManifest.FILE_NAME;

    private final LakeReader lake;
    private final long targetBytes;
    private CompactionListener listener = CompactionListener.NONE;
    private BucketSpec bucketing;

    public LakeCompactor(LakeReader lake, long targetBytes) {
        if (targetBytes <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + targetBytes);
        }
        this.lake = lake;
        this.targetBytes = targetBytes;
    }

    /** Called before every step; for tests that stop a compaction midway. */
    public LakeCompactor listener(CompactionListener listener) {
        this.listener = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Buckets the compacted files by {@code spec} (docs/decisions/0010-bucketing.md): one file per
     * non-empty bucket, whatever the target size; a partition already bucketed by {@code spec} is
     * left alone, one bucketed otherwise is rewritten. Null (the default) compacts without
     * bucketing, and then leaves partitions that an earlier compaction bucketed as they are.
     */
    public LakeCompactor bucketing(BucketSpec spec) {
        this.bucketing = spec;
        return this;
    }

    /** Compacts the partitions of {@code table} in {@code [from, to]} (null ends are open). */
    public CompactionResult compact(String table, LocalDate from, LocalDate to) throws IOException {
        Counts n = new Counts();
        for (Partition p : lake.partitions(table, from, to)) {
            compact(table, p, n);
        }
        return result(table, n);
    }

    /**
     * Compacts one partition of {@code table}, as {@link #compact(String, LocalDate, LocalDate)}
     * does each of its partitions; what the sink's compaction on publish calls.
     */
    public CompactionResult compact(String table, Partition partition) throws IOException {
        Counts n = new Counts();
        compact(table, partition, n);
        return result(table, n);
    }

    private static CompactionResult result(String table, Counts n) {
        return new CompactionResult(
                table,
                n.partitions,
                n.compacted,
                n.recovered,
                n.alreadyCompact,
                n.uncommitted,
                n.filesBefore,
                n.filesAfter,
                n.bytesBefore,
                n.bytesAfter);
    }

    private static final class Counts {
        int partitions;
        int compacted;
        int recovered;
        int alreadyCompact;
        int uncommitted;
        long filesBefore;
        long filesAfter;
        long bytesBefore;
        long bytesAfter;

        void before(List<LakeFile> files) {
            filesBefore += files.size();
            bytesBefore += files.stream().mapToLong(LakeFile::bytes).sum();
        }

        void after(List<LakeFile> files) {
            filesAfter += files.size();
            bytesAfter += files.stream().mapToLong(LakeFile::bytes).sum();
        }
    }

    private void compact(String table, Partition p, Counts n) throws IOException {
        Path dir = lake.partitionPath(table, p);
        FileSystem fs = dir.getFileSystem();
        Path intent = new Path(dir, INTENT);
        if (fs.exists(intent)) {
            n.partitions++;
            n.before(lake.dataFiles(table, p));
            PartitionSwitch.rollForward(
                    listener, table, p, dir, PartitionSwitch.readManifest(fs, intent));
            n.recovered++;
            n.after(lake.dataFiles(table, p));
            return;
        }
        PartitionSwitch.deleteHiddenLeftovers(fs, dir);
        if (!lake.hasSuccess(table, p)) {
            n.uncommitted++;
            return;
        }
        n.partitions++;
        List<LakeFile> files = lake.dataFiles(table, p);
        n.before(files);
        String where = table + " " + p.path();
        PartitionManifest manifest =
                lake.manifest(table, p)
                        .orElseThrow(
                                () ->
                                        new CompactionRefused(
                                                where
                                                        + " has _SUCCESS but no manifest; run"
                                                        + " verify, nothing was compacted there"));
        checkFilesListed(where, manifest, files);
        List<String> names = files.stream().map(LakeFile::name).toList();
        String hash;
        boolean done;
        BucketSpec current = BucketSpec.of(manifest.bucketing);
        if (bucketing == null) {
            hash = CanonicalOrder.contentHash(manifest.checksum, manifest.rows);
            done =
                    CanonicalOrder.isCanonical(names, hash)
                            || (current != null
                                    && current.isLayout(
                                            names,
                                            current.contentHash(manifest.checksum, manifest.rows)));
        } else {
            hash = bucketing.contentHash(manifest.checksum, manifest.rows);
            done = bucketing.equals(current) && bucketing.isLayout(names, hash);
        }
        if (files.isEmpty() || done) {
            n.alreadyCompact++;
            n.after(files);
            return;
        }
        PartitionManifest next = rewrite(table, p, dir, manifest, files, hash);
        PartitionSwitch.rollForward(listener, table, p, dir, next);
        n.compacted++;
        n.after(lake.dataFiles(table, p));
    }

    /** Refuses a partition whose visible files are not exactly those its manifest lists. */
    private static void checkFilesListed(
            String where, PartitionManifest manifest, List<LakeFile> files)
            throws CompactionRefused {
        Set<String> listed = new HashSet<>();
        manifest.files.forEach(f -> listed.add(f.name));
        Set<String> present = new HashSet<>();
        files.forEach(f -> present.add(f.name()));
        if (!listed.equals(present)) {
            throw new CompactionRefused(
                    where
                            + ": the files on disk are not the files its manifest lists; run"
                            + " verify, nothing was compacted there");
        }
    }

    /** Reads, checks, sorts and writes the partition's rows to hidden files; the new manifest. */
    private PartitionManifest rewrite(
            String table,
            Partition p,
            Path dir,
            PartitionManifest manifest,
            List<LakeFile> files,
            String hash)
            throws IOException {
        String where = table + " " + p.path();
        FileSystem fs = dir.getFileSystem();
        RowChecksum hasher = new RowChecksum();
        List<GenericRecord> records = new ArrayList<>();
        List<CanonicalOrder.Key> keys = new ArrayList<>();
        long[] sum = {0};
        Schema[] schema = {null};
        try {
            for (LakeFile f : files) {
                read(f, hasher, keys, records, sum, schema);
            }
        } catch (IllegalStateException e) {
            throw new CompactionRefused(
                    where
                            + ": its files do not all have the same schema; compaction merges"
                            + " files of one schema only, nothing was compacted there");
        }
        String before = RowChecksum.format(sum[0]);
        if (records.size() != manifest.rows || !before.equalsIgnoreCase(manifest.checksum)) {
            throw new CompactionRefused(
                    String.format(
                            "%s: its files hold %d rows with checksum %s but its manifest says %d"
                                    + " rows with checksum %s; run verify, nothing was compacted"
                                    + " there",
                            where, records.size(), before, manifest.rows, manifest.checksum));
        }
        int[] bucketOf = bucketing == null ? null : buckets(where, schema[0], records, keys);
        Integer[] order = new Integer[records.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(
                order,
                (a, b) -> {
                    if (bucketOf != null && bucketOf[a] != bucketOf[b]) {
                        return Integer.compare(bucketOf[a], bucketOf[b]);
                    }
                    return CanonicalOrder.ORDER.compare(keys.get(a), keys.get(b));
                });
        keys.clear();

        List<PartitionManifest.FileEntry> written = new ArrayList<>();
        int next = 0;
        int fileNo = 0;
        while (next < order.length) {
            listener.beforeStep(table, p, CompactionStep.WRITE_FILE);
            int bucket = bucketOf == null ? -1 : bucketOf[order[next]];
            String name =
                    bucketOf == null
                            ? CanonicalOrder.fileName(hash, fileNo++)
                            : BucketSpec.fileName(hash, bucket);
            Path staged = new Path(dir, HIDDEN_PREFIX + name);
            try (ParquetWriter<GenericRecord> w = writer(fs, staged, schema[0])) {
                do {
                    w.write(records.get(order[next++]));
                } while (next < order.length
                        && (bucketOf == null
                                ? w.getDataSize() < targetBytes
                                : bucketOf[order[next]] == bucket));
            }
            written.add(new PartitionManifest.FileEntry(name, 0, 0, null));
        }
        records.clear();

        // read the new files back: they must hold the same rows, whatever the writer did
        long total = 0;
        long rows = 0;
        for (PartitionManifest.FileEntry e : written) {
            Path staged = new Path(dir, HIDDEN_PREFIX + e.name);
            long bytes = fs.getFileStatus(staged).getLen();
            long[] stats = new long[2];
            lake.read(
                    new LakeFile(HIDDEN_PREFIX + e.name, staged, bytes),
                    r -> {
                        stats[0]++;
                        stats[1] += hasher.hash(r);
                    });
            e.rows = stats[0];
            e.bytes = bytes;
            e.checksum = RowChecksum.format(stats[1]);
            rows += stats[0];
            total += stats[1];
        }
        if (rows != manifest.rows || !RowChecksum.format(total).equalsIgnoreCase(before)) {
            for (PartitionManifest.FileEntry e : written) {
                fs.delete(new Path(dir, HIDDEN_PREFIX + e.name), false);
            }
            throw new CompactionRefused(
                    String.format(
                            "%s: the compacted files would hold %d rows with checksum %s instead of"
                                    + " %d rows with checksum %s; nothing was replaced",
                            where, rows, RowChecksum.format(total), manifest.rows, before));
        }

        PartitionManifest m = copy(manifest);
        m.files = written;
        m.compactedAt = Instant.now().toString();
        m.compaction = new PartitionManifest.Compaction();
        m.compaction.filesBefore = files.size();
        m.compaction.bytesBefore = files.stream().mapToLong(LakeFile::bytes).sum();
        m.compaction.targetBytes = targetBytes;
        m.compaction.sort =
                bucketing == null
                        ? CanonicalOrder.DESCRIPTION
                        : "bucket, then " + bucketing.column() + ", then canonical row encoding";
        m.bucketing = bucketing == null ? null : bucketing.toManifest();

        listener.beforeStep(table, p, CompactionStep.WRITE_INTENT);
        PartitionSwitch.writeAtomically(fs, new Path(dir, INTENT), m.toJson());
        return m;
    }

    /**
     * The bucket of every row; re-keys the rows by the bucket column, so that rows sort by it
     * within a bucket. Refuses the partition if the column is missing or of another type.
     */
    private int[] buckets(
            String where, Schema schema, List<GenericRecord> records, List<CanonicalOrder.Key> keys)
            throws CompactionRefused {
        if (records.isEmpty()) {
            return new int[0];
        }
        StringBuilder why = new StringBuilder();
        Integer column = bucketing.columnIndex(schema, why);
        if (column == null) {
            throw new CompactionRefused(
                    where
                            + ": cannot bucket by "
                            + bucketing.column()
                            + ", "
                            + why
                            + "; nothing was compacted there");
        }
        int[] bucketOf = new int[records.size()];
        for (int i = 0; i < bucketOf.length; i++) {
            Object value = records.get(i).get(column);
            bucketOf[i] = bucketing.bucketOf(value);
            keys.set(i, new CanonicalOrder.Key(value, keys.get(i).encoding()));
        }
        return bucketOf;
    }

    private void read(
            LakeFile f,
            RowChecksum hasher,
            List<CanonicalOrder.Key> keys,
            List<GenericRecord> records,
            long[] sum,
            Schema[] schema)
            throws IOException {
        lake.read(
                f,
                r -> {
                    if (schema[0] == null) {
                        schema[0] = r.getSchema();
                    } else if (!schema[0].equals(r.getSchema())) {
                        throw new IllegalStateException("schemas differ");
                    }
                    sum[0] += hasher.hash(r);
                    keys.add(new CanonicalOrder.Key(r.get(0), hasher.encode(r)));
                    records.add(r);
                });
    }

    /**
     * The writer of compacted files. Every setting is pinned, so that the same rows always give the
     * same bytes; parquet-mr writes its version as {@code created_by} and only the Avro schema and
     * the data model in the key-value metadata.
     */
    private static ParquetWriter<GenericRecord> writer(FileSystem fs, Path path, Schema schema)
            throws IOException {
        return AvroParquetWriter.<GenericRecord>builder(new FlinkOutputFile(fs, path))
                .withConf(new PlainParquetConfiguration())
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize((long) ParquetWriter.DEFAULT_BLOCK_SIZE)
                .withPageSize(ParquetWriter.DEFAULT_PAGE_SIZE)
                .withDictionaryPageSize(ParquetWriter.DEFAULT_PAGE_SIZE)
                .withDictionaryEncoding(true)
                .withValidation(false)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    private static PartitionManifest copy(PartitionManifest m) throws IOException {
        return PartitionManifest.read(new ByteArrayInputStream(m.toJson()));
    }
}
