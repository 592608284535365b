package io.lakestream.connectors.lake;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/** An hourly test table of {@link TestRow}s. */
public final class TestTable extends AbstractLakeTable<TestRow> {
    private static final long serialVersionUID = 1L;
    static final Schema SCHEMA =
            SchemaBuilder.record("test_row")
                    .fields()
                    .requiredString("id")
                    .requiredLong("ts")
                    .optionalDouble("value")
                    .endRecord();

    public TestTable(String name) {
        super(name, PartitionScheme.DATE_HOUR, SCHEMA);
    }

    @Override
    public long partitionTime(TestRow row) {
        return row.ts;
    }

    @Override
    public GenericRecord toRecord(TestRow row, GenericRecord record) {
        record.put(0, row.id);
        record.put(1, row.ts);
        record.put(2, row.value);
        return record;
    }
}
