package io.lakestream.connectors.lake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The order-independent content checksum of a partition: the 64-bit sum (mod 2^64) of a hash of
 * each row's canonical encoding.
 *
 * <p>Because the sum is commutative, two runs that wrote the same multiset of rows into different
 * files, in any order, get the same checksum; a missing, extra or changed row changes it. The
 * canonical encoding covers every column in schema order: a null marker, then the value (integers
 * widened to 64 bits, doubles by their bits with {@code -0.0} and NaN normalised, strings as UTF-8
 * with their length). It is computed from Avro records, so the writer and any later reader of the
 * Parquet files compute it the same way.
 */
public final class RowChecksum {

    /**
     * The encoding buffer, reused from row to row and hashed in place. Written by hand rather than
     * through a {@code DataOutputStream} over a {@code ByteArrayOutputStream}, whose synchronized
     * per-byte writes cost as much as decoding the event (bench/jmh, RowChecksumBenchmark); the
     * bytes are the same.
     */
    private byte[] buf = new byte[256];

    private int count;

    /** The hash of one row. Not thread-safe: one instance per writer or reader. */
    public long hash(GenericRecord record) {
        fill(record);
        return MurmurHash3.hash128x64(buf, 0, count, 0)[0];
    }

    /**
     * The canonical encoding of one row, the bytes {@link #hash} hashes (compaction uses it as the
     * tiebreak of its sort order).
     */
    public byte[] encode(GenericRecord record) {
        fill(record);
        return Arrays.copyOf(buf, count);
    }

    private void fill(GenericRecord record) {
        count = 0;
        int fields = record.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            write(record.get(i));
        }
    }

    private void write(Object v) {
        if (v == null) {
            writeByte(0);
            return;
        }
        writeByte(1);
        if (v instanceof String str) {
            writeString(str);
        } else if (v instanceof CharSequence) {
            writeBytes(v.toString().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Integer || v instanceof Long) {
            writeLong(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == 0.0) {
                d = 0.0;
            }
            writeLong(Double.doubleToLongBits(d));
        } else if (v instanceof Boolean) {
            writeByte((Boolean) v ? 1 : 0);
        } else if (v instanceof ByteBuffer) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            writeBytes(bytes);
        } else if (v instanceof byte[]) {
            writeBytes((byte[]) v);
        } else {
            writeBytes(v.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Length, then UTF-8: ASCII is copied as it is, anything else goes through the encoder. */
    private void writeString(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                writeBytes(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        // ASCII: its UTF-8 bytes are its Latin-1 bytes, which a compact string copies in bulk
        writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void writeBytes(byte[] bytes) {
        writeInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, count, bytes.length);
        count += bytes.length;
    }

    private void writeByte(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    /** Big-endian, as {@code DataOutput#writeInt}. */
    private void writeInt(int v) {
        ensure(4);
        buf[count++] = (byte) (v >>> 24);
        buf[count++] = (byte) (v >>> 16);
        buf[count++] = (byte) (v >>> 8);
        buf[count++] = (byte) v;
    }

    /** Big-endian, as {@code DataOutput#writeLong}. */
    private void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[count++] = (byte) (v >>> shift);
        }
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }

    /** Formats a checksum as 16 lower-case hex digits, as manifests store it. */
    public static String format(long checksum) {
        return String.format("%016x", checksum);
    }
}
