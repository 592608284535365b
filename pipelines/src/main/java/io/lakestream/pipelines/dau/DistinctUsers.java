package io.lakestream.pipelines.dau;

import io.lakestream.state.sketch.DistinctCountSketch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Distinct users of one date (and country): the exact count and a HyperLogLog sketch. */
final class DistinctUsers {

    long exact;
    DistinctCountSketch hll = new DistinctCountSketch();

    void add(String userId) {
        exact++;
        hll.update(userId);
    }

    void merge(DistinctUsers other) {
        exact += other.exact;
        hll.merge(other.hll);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(exact);
        byte[] sketch = hll.toBytes();
        out.writeInt(sketch.length);
        out.write(sketch);
    }

    static DistinctUsers read(DataInput in) throws IOException {
        DistinctUsers d = new DistinctUsers();
        d.exact = in.readLong();
        byte[] sketch = new byte[in.readInt()];
        in.readFully(sketch);
        d.hll = DistinctCountSketch.fromBytes(sketch);
        return d;
    }
}
