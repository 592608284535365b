package io.lakestream.pipelines.dau;

import io.lakestream.pipelines.aggregate.BucketAggregation;
import io.lakestream.pipelines.model.DailyActiveUsers;
import io.lakestream.pipelines.model.UserActivity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.util.Collector;

/**
 * Distinct users per date, in total ({@code byCountry = false}: one row per date) or per country
 * (one row per date and country). Partials are sorted maps of {@link DistinctUsers}, serialized in
 * key order, so equal input gives equal bytes.
 */
public final class DauAggregation
        implements BucketAggregation<
                UserActivity, TreeMap<String, DistinctUsers>, DailyActiveUsers> {

    private static final long serialVersionUID = 1L;
    private static final byte FORMAT = 1;

    /** Map key of events without a country (a country code is never empty). */
    private static final String NO_COUNTRY = "";

    private final boolean byCountry;

    public DauAggregation(boolean byCountry) {
        this.byCountry = byCountry;
    }

    @Override
    public long bucketMillis() {
        return Duration.ofDays(1).toMillis();
    }

    @Override
    public long timeOf(UserActivity a) {
        return a.ts;
    }

    @Override
    public TreeMap<String, DistinctUsers> create() {
        return new TreeMap<>();
    }

    @Override
    public void add(TreeMap<String, DistinctUsers> acc, UserActivity a) {
        if (byCountry) {
            acc.computeIfAbsent(
                            a.country == null ? NO_COUNTRY : a.country, k -> new DistinctUsers())
                    .add(a.userId);
        } else if (a.firstOfDay) {
            acc.computeIfAbsent(NO_COUNTRY, k -> new DistinctUsers()).add(a.userId);
        }
    }

    @Override
    public void merge(TreeMap<String, DistinctUsers> into, TreeMap<String, DistinctUsers> other) {
        for (Map.Entry<String, DistinctUsers> e : other.entrySet()) {
            DistinctUsers existing = into.get(e.getKey());
            if (existing == null) {
                into.put(e.getKey(), e.getValue());
            } else {
                existing.merge(e.getValue());
            }
        }
    }

    @Override
    public byte[] toBytes(TreeMap<String, DistinctUsers> acc) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(acc.size());
            for (Map.Entry<String, DistinctUsers> e : acc.entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().write(out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public TreeMap<String, DistinctUsers> fromBytes(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IOException("unknown dau partial format " + format);
            }
            TreeMap<String, DistinctUsers> acc = new TreeMap<>();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                acc.put(in.readUTF(), DistinctUsers.read(in));
            }
            return acc;
        }
    }

    @Override
    public void emit(
            long dateStart, TreeMap<String, DistinctUsers> acc, Collector<DailyActiveUsers> out) {
        for (Map.Entry<String, DistinctUsers> e : acc.entrySet()) {
            DistinctUsers d = e.getValue();
            DailyActiveUsers row = new DailyActiveUsers();
            row.dateStart = dateStart;
            row.country = byCountry && !e.getKey().equals(NO_COUNTRY) ? e.getKey() : null;
            row.exact = d.exact;
            row.hllEstimate = d.hll.estimate();
            row.hllRse = d.hll.relativeStandardError();
            row.hllSketch = d.hll.toBytes();
            out.collect(row);
        }
    }
}
