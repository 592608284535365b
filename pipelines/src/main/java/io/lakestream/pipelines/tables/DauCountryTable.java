package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.DailyActiveUsers;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code dau_country} table: per date and country, distinct active users exact and by
 * HyperLogLog. A user active in two countries on a date counts in both; events without a country
 * form the row with a null {@code country}.
 */
public final class DauCountryTable extends AbstractLakeTable<DailyActiveUsers> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "dau_country";

    static final Schema SCHEMA =
            SchemaBuilder.record("dau_country")
                    .fields()
                    .name("country")
                    .type(Columns.nullable(Columns.STRING))
                    .withDefault(null)
                    .name("dau_exact")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("dau_hll")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("hll_rse")
                    .type(Columns.DOUBLE)
                    .noDefault()
                    .endRecord();

    public DauCountryTable() {
        super(NAME, PartitionScheme.DATE, SCHEMA);
    }

    @Override
    public long partitionTime(DailyActiveUsers row) {
        return row.dateStart;
    }

    @Override
    public GenericRecord toRecord(DailyActiveUsers row, GenericRecord r) {
        r.put(0, row.country);
        r.put(1, row.exact);
        r.put(2, row.hllEstimate);
        r.put(3, row.hllRse);
        return r;
    }
}
