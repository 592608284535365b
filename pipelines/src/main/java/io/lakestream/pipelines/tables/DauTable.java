package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.DailyActiveUsers;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code dau} table: one row per date — distinct active users exact ({@code dau_exact}) and by
 * HyperLogLog ({@code dau_hll}, relative standard error {@code hll_rse}), and the serialized sketch
 * ({@code hll_sketch}, Apache DataSketches HLL format) for merging dates later.
 */
public final class DauTable extends AbstractLakeTable<DailyActiveUsers> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "dau";

    static final Schema SCHEMA =
            SchemaBuilder.record("dau")
                    .fields()
                    .name("dau_exact")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("dau_hll")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("hll_rse")
                    .type(Columns.DOUBLE)
                    .noDefault()
                    .name("hll_sketch")
                    .type(Columns.BYTES)
                    .noDefault()
                    .endRecord();

    public DauTable() {
        super(NAME, PartitionScheme.DATE, SCHEMA);
    }

    @Override
    public long partitionTime(DailyActiveUsers row) {
        return row.dateStart;
    }

    @Override
    public GenericRecord toRecord(DailyActiveUsers row, GenericRecord r) {
        r.put(0, row.exact);
        r.put(1, row.hllEstimate);
        r.put(2, row.hllRse);
        r.put(3, ByteBuffer.wrap(row.hllSketch));
        return r;
    }
}
