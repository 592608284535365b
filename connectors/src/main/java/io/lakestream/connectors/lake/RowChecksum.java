package io.lakestream.connectors.lake;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
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

    private final Buffer buffer = new Buffer();
    private final DataOutputStream out = new DataOutputStream(buffer);

    /** The hash of one row. Not thread-safe: one instance per writer or reader. */
    public long hash(GenericRecord record) {
        fill(record);
        return buffer.hash();
    }

    /**
     * The canonical encoding of one row, the bytes {@link #hash} hashes (compaction uses it as the
     * tiebreak of its sort order).
     */
    public byte[] encode(GenericRecord record) {
        fill(record);
        return buffer.toByteArray();
    }

    private void fill(GenericRecord record) {
        buffer.reset();
        try {
            List<Schema.Field> fields = record.getSchema().getFields();
            for (int i = 0; i < fields.size(); i++) {
                write(record.get(i));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        if (v instanceof CharSequence) {
            byte[] bytes = v.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (v instanceof Integer || v instanceof Long) {
            out.writeLong(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == 0.0) {
                d = 0.0;
            }
            out.writeLong(Double.doubleToLongBits(d));
        } else if (v instanceof Boolean) {
            out.writeByte((Boolean) v ? 1 : 0);
        } else if (v instanceof ByteBuffer) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            out.writeInt(b.remaining());
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.write(bytes);
        } else if (v instanceof byte[]) {
            out.writeInt(((byte[]) v).length);
            out.write((byte[]) v);
        } else {
            byte[] bytes = v.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** A reusable encoding buffer, hashed in place (no copy per row). */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256);
        }

        long hash() {
            return MurmurHash3.hash128x64(buf, 0, count, 0)[0];
        }
    }

    /** Formats a checksum as 16 lower-case hex digits, as manifests store it. */
    public static String format(long checksum) {
        return String.format("%016x", checksum);
    }
}
