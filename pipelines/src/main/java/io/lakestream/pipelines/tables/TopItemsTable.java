package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.TopItem;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code top_items} table: per date and hour, the most clicked items, ranked by the estimated
 * click count (ties by item id). {@code exact_count} is filled when the hour's sketch was exact
 * ({@code max_error} = 0), null otherwise.
 */
public final class TopItemsTable extends AbstractLakeTable<TopItem> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "top_items";

    static final Schema SCHEMA =
            SchemaBuilder.record("top_items")
                    .fields()
                    .name("rank")
                    .type(Columns.INT)
                    .noDefault()
                    .name("item_id")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("est_count")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("exact_count")
                    .type(Columns.nullable(Columns.LONG))
                    .withDefault(null)
                    .name("max_error")
                    .type(Columns.LONG)
                    .noDefault()
                    .endRecord();

    public TopItemsTable() {
        super(NAME, PartitionScheme.DATE_HOUR, SCHEMA);
    }

    @Override
    public long partitionTime(TopItem row) {
        return row.hourStart;
    }

    @Override
    public GenericRecord toRecord(TopItem row, GenericRecord r) {
        r.put(0, row.rank);
        r.put(1, row.itemId);
        r.put(2, row.estCount);
        r.put(3, row.exactCount);
        r.put(4, row.maxError);
        return r;
    }
}
