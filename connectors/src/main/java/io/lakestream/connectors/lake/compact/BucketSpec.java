package io.lakestream.connectors.lake.compact;

import io.lakestream.connectors.lake.PartitionManifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

/**
 * Spark-compatible bucketing of a compacted partition: {@code buckets} files at most, file {@code
 * i} holding the rows whose {@code pmod(murmur3_x86_32(column, seed 42), buckets)} is {@code i}
 * (docs/decisions/0010-bucketing.md).
 *
 * <p>Bucket ids are Spark's ({@code HashPartitioning(column, n).partitionIdExpression}): strings
 * hashed over their UTF-8 bytes, ints and longs as such (see {@link SparkMurmur3}), null as the
 * seed itself. A bucket without rows gets no file, as in Spark's bucketed writes. Within a bucket,
 * rows are sorted by the bucket column, then by their canonical encoding, so the files are also
 * what Spark calls "sorted by" the column.
 *
 * <p>Names: {@code part-<h>_<bbbbb>.c000.parquet}, {@code <bbbbb>} the bucket id in five digits,
 * which Spark's reader parses with {@code .*_(\d+)(?:\..*)?$}; {@code <h>} the first 16 hex digits
 * of the SHA-256 of {@code "<checksum>/<rows>/bucket/<column>/<buckets>"}, so the names depend on
 * the content and the bucketing only.
 *
 * @param column the column whose value decides a row's bucket
 * @param buckets the number of buckets, 1 to {@link #MAX_BUCKETS}
 */
public record BucketSpec(String column, int buckets) {

    /** The hash, as manifests record it. */
    public static final String HASH = "spark-murmur3-x86-32-seed-42";

    /** Spark's default {@code spark.sql.sources.bucketing.maxBuckets}. */
    public static final int MAX_BUCKETS = 100_000;

    private static final Pattern NAME =
            Pattern.compile("part-([0-9a-f]{16})_(\\d{5})\\.c000\\.parquet");

    public BucketSpec {
        Objects.requireNonNull(column, "column");
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException(
                    "the number of buckets must be 1 to " + MAX_BUCKETS + ": " + buckets);
        }
    }

    /** The bucketing a manifest records, or null if the partition is not bucketed. */
    public static BucketSpec of(PartitionManifest.Bucketing b) {
        if (b == null || b.column == null || !HASH.equals(b.hash)) {
            return null;
        }
        try {
            return new BucketSpec(b.column, b.buckets);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** This bucketing as a manifest records it. */
    public PartitionManifest.Bucketing toManifest() {
        PartitionManifest.Bucketing b = new PartitionManifest.Bucketing();
        b.column = column;
        b.buckets = buckets;
        b.hash = HASH;
        b.sortedBy = column;
        return b;
    }

    /** The bucket of a row whose bucket column holds {@code value} (String, Utf8, int or long). */
    public int bucketOf(Object value) {
        return Math.floorMod(hash(value), buckets);
    }

    /** Spark's {@code hash(value)}: Murmur3 x86 32-bit with seed 42; null hashes to the seed. */
    public static int hash(Object value) {
        int seed = SparkMurmur3.SPARK_SEED;
        if (value == null) {
            return seed;
        }
        if (value instanceof Utf8 u) {
            return SparkMurmur3.hashBytes(u.getBytes(), 0, u.getByteLength(), seed);
        }
        if (value instanceof CharSequence s) {
            return SparkMurmur3.hashBytes(s.toString().getBytes(StandardCharsets.UTF_8), seed);
        }
        if (value instanceof Integer i) {
            return SparkMurmur3.hashInt(i, seed);
        }
        if (value instanceof Long l) {
            return SparkMurmur3.hashLong(l, seed);
        }
        throw new IllegalArgumentException(
                "cannot bucket a " + value.getClass().getSimpleName() + " value");
    }

    /**
     * The position of the bucket column in {@code schema}, or null with the reason in {@code why}
     * if it is missing or of a type whose Spark hash is not reproduced here.
     */
    public Integer columnIndex(Schema schema, StringBuilder why) {
        Schema.Field field = schema.getField(column);
        if (field == null) {
            why.append("it has no column '")
                    .append(column)
                    .append("' (columns: ")
                    .append(
                            String.join(
                                    ", ",
                                    schema.getFields().stream().map(Schema.Field::name).toList()))
                    .append(")");
            return null;
        }
        Schema type = nonNull(field.schema());
        String logical = type == null ? null : type.getProp("logicalType");
        boolean supported =
                type != null
                        && logical == null
                        && (type.getType() == Schema.Type.STRING
                                || type.getType() == Schema.Type.INT
                                || type.getType() == Schema.Type.LONG);
        if (!supported) {
            why.append("its column '")
                    .append(column)
                    .append("' is ")
                    .append(describe(type, field.schema()))
                    .append("; bucketing supports string, int and long columns");
            return null;
        }
        return field.pos();
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        List<Schema> types =
                s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        return types.size() == 1 ? types.get(0) : null;
    }

    private static String describe(Schema type, Schema declared) {
        if (type == null) {
            return "a union " + declared;
        }
        String logical = type.getProp("logicalType");
        String name = type.getType().getName();
        return logical == null
                ? "a " + name + " column"
                : "a " + logical + " (" + name + ") column";
    }

    /** The content hash in the names of this bucketing's files for a partition. */
    public String contentHash(String checksumHex, long rows) {
        String text =
                checksumHex.toLowerCase(Locale.ROOT)
                        + "/"
                        + rows
                        + "/bucket/"
                        + column
                        + "/"
                        + buckets;
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The name of bucket {@code bucket}'s file. */
    public static String fileName(String contentHash, int bucket) {
        return String.format(Locale.ROOT, "part-%s_%05d.c000.parquet", contentHash, bucket);
    }

    /** The bucket id in a bucket file's name, or -1 if it is not one. */
    public static int bucketOfFile(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    /**
     * True if {@code names} (sorted) are bucket files of this bucketing for a partition with this
     * content hash: {@code part-<h>_<b>.c000.parquet}, each bucket below {@link #buckets} once.
     */
    public boolean isLayout(List<String> names, String contentHash) {
        if (names.isEmpty() || names.size() > buckets) {
            return false;
        }
        int last = -1;
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (!m.matches() || !m.group(1).equals(contentHash)) {
                return false;
            }
            int b = Integer.parseInt(m.group(2));
            if (b <= last || b >= buckets) {
                return false;
            }
            last = b;
        }
        return true;
    }

    @Override
    public String toString() {
        return column + " into " + buckets + " buckets";
    }
}
