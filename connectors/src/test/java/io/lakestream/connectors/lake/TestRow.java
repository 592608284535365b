package io.lakestream.connectors.lake;

import java.util.Objects;

/** A row of the test table: an id, an event time and a nullable value. */
public class TestRow {
    public String id;
    public long ts;
    public Double value;

    public TestRow() {}

    TestRow(String id, long ts, Double value) {
        this.id = id;
        this.ts = ts;
        this.value = value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRow
                && ((TestRow) o).id.equals(id)
                && ((TestRow) o).ts == ts
                && Objects.equals(((TestRow) o).value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, ts, value);
    }

    @Override
    public String toString() {
        return id + "@" + ts + "=" + value;
    }
}
