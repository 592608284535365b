package io.lakestream.connectors.lake.compact;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The canonical layout of a compacted partition: how its rows are ordered and how its files are
 * named. Both depend on the partition's content only, so two lakes holding the same rows in any
 * files get the same compacted files, byte for byte.
 *
 * <p>Order: by the value of the table's first column (nulls first; strings and bytes by their
 * unsigned UTF-8 / byte order, numbers numerically), then by the row's full canonical encoding (the
 * bytes {@link io.lakestream.connectors.lake.RowChecksum} hashes), compared as unsigned bytes. Rows
 * that tie on both are identical, so their order does not matter. {@code events} sort by {@code
 * event_id}, {@code user_daily} by {@code user_id}, {@code top_items} by {@code rank}.
 *
 * <p>Names: {@code part-<h>-<n>.parquet}, where {@code <h>} is the first 16 hex digits of the
 * SHA-256 of {@code "<checksum>/<rows>"} (the partition's content checksum as 16 hex digits and its
 * row count) and {@code <n>} numbers the files from {@code 00000}.
 */
public final class CanonicalOrder {

    /** The sort order, as compacted manifests record it. */
    public static final String DESCRIPTION = "first column, then canonical row encoding";

    private CanonicalOrder() {}

    /** A row as compaction sorts it: its first column's value and its canonical encoding. */
    public record Key(Object first, byte[] encoding) {}

    /** The canonical order of rows. */
    public static final Comparator<Key> ORDER =
            (a, b) -> {
                int c = compareValues(a.first(), b.first());
                return c != 0 ? c : Arrays.compareUnsigned(a.encoding(), b.encoding());
            };

    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            case 1:
                return Double.compare(normal((Number) a), normal((Number) b));
            case 2:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case 3:
                return Arrays.compareUnsigned(bytes(a), bytes(b));
            default:
                return Arrays.compareUnsigned(utf8(a), utf8(b));
        }
    }

    private static int rank(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return 1;
        }
        if (v instanceof Boolean) {
            return 2;
        }
        if (v instanceof ByteBuffer || v instanceof byte[]) {
            return 3;
        }
        return 4; // strings (Utf8 or String) and anything else, by its text
    }

    private static double normal(Number n) {
        double d = n.doubleValue();
        return d == 0.0 ? 0.0 : d;
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        ByteBuffer b = ((ByteBuffer) v).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] utf8(Object v) {
        return v.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The content hash in the file names of a partition with this checksum and row count. */
    public static String contentHash(String checksumHex, long rows) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest =
                    sha.digest(
                            (checksumHex.toLowerCase(Locale.ROOT) + "/" + rows)
                                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The name of the {@code n}-th compacted file of a partition. */
    public static String fileName(String contentHash, int n) {
        return String.format(Locale.ROOT, "part-%s-%05d.parquet", contentHash, n);
    }

    /**
     * True if {@code names} (sorted) are exactly the compacted files of a partition with this
     * content hash: {@code part-<h>-00000.parquet} up to {@code part-<h>-<n-1>.parquet}.
     */
    public static boolean isCanonical(java.util.List<String> names, String contentHash) {
        if (names.isEmpty()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(fileName(contentHash, i))) {
                return false;
            }
        }
        return true;
    }
}
