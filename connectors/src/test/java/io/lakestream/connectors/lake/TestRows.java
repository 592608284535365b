package io.lakestream.connectors.lake;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * A tiny test schema (string, nullable string, long, double, nullable int, timestamp as long) and
 * an independent oracle for the partition checksum: the documented canonical encoding written out
 * field by field for this schema, not through {@link RowChecksum}.
 */
public final class TestRows {

    public static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            "{\"type\":\"record\",\"name\":\"Row\",\"fields\":["
                                    + "{\"name\":\"event_id\",\"type\":\"string\"},"
                                    + "{\"name\":\"user_id\",\"type\":[\"null\",\"string\"],\"default\":null},"
                                    + "{\"name\":\"clicks\",\"type\":\"long\"},"
                                    + "{\"name\":\"price\",\"type\":\"double\"},"
                                    + "{\"name\":\"age\",\"type\":[\"null\",\"int\"],\"default\":null},"
                                    + "{\"name\":\"event_time\",\"type\":{\"type\":\"long\","
                                    + "\"logicalType\":\"timestamp-millis\"}}]}");

    private TestRows() {}

    public static GenericRecord row(
            String eventId, String userId, long clicks, double price, Integer age, long time) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("event_id", eventId);
        r.put("user_id", userId);
        r.put("clicks", clicks);
        r.put("price", price);
        r.put("age", age);
        r.put("event_time", time);
        return r;
    }

    /** {@code n} distinct rows whose ids start with {@code prefix}; every third has nulls. */
    public static List<GenericRecord> rows(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(
                        i ->
                                row(
                                        prefix + "-" + i,
                                        i % 3 == 0 ? null : "user-" + (i % 7),
                                        i,
                                        i * 1.25,
                                        i % 3 == 0 ? null : 20 + i % 50,
                                        1_795_000_000_000L + i * 1000L))
                .toList();
    }

    /** The oracle: hash of the canonical encoding of one row of {@link #SCHEMA}. */
    public static long oracleHash(GenericRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            string(out, (CharSequence) r.get("event_id"));
            string(out, (CharSequence) r.get("user_id"));
            out.writeByte(1);
            out.writeLong((Long) r.get("clicks"));
            double price = (Double) r.get("price");
            out.writeByte(1);
            out.writeLong(Double.doubleToLongBits(price == 0.0 ? 0.0 : price));
            Integer age = (Integer) r.get("age");
            if (age == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                out.writeLong(age.longValue());
            }
            out.writeByte(1);
            out.writeLong((Long) r.get("event_time"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return MurmurHash3.hash128x64(bytes.toByteArray())[0];
    }

    /** The oracle checksum of a multiset of rows: the sum of {@link #oracleHash}. */
    public static long oracleChecksum(List<GenericRecord> rows) {
        long sum = 0;
        for (GenericRecord r : rows) {
            sum += oracleHash(r);
        }
        return sum;
    }

    private static void string(DataOutputStream out, CharSequence s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(b.length);
        out.write(b);
    }
}
