package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.UserDaily;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/** The {@code user_daily} table: per date and user, activity counts, revenue and items. */
public final class UserDailyTable extends AbstractLakeTable<UserDaily> {

    private static final long serialVersionUID = 1L;

    static final Schema SCHEMA =
            SchemaBuilder.record("user_daily")
                    .fields()
                    .name("user_id")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("impressions")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("clicks")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("purchases")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("revenue")
                    .type(Columns.DOUBLE)
                    .noDefault()
                    .name("distinct_items")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("first_event_time")
                    .type(Columns.timestamp())
                    .noDefault()
                    .name("last_event_time")
                    .type(Columns.timestamp())
                    .noDefault()
                    .endRecord();

    public UserDailyTable() {
        super("user_daily", PartitionScheme.DATE, SCHEMA);
    }

    @Override
    public long partitionTime(UserDaily row) {
        return row.dateStart;
    }

    @Override
    public long firstEventTime(UserDaily row) {
        return row.firstEventTime;
    }

    @Override
    public long lastEventTime(UserDaily row) {
        return row.lastEventTime;
    }

    @Override
    public GenericRecord toRecord(UserDaily u, GenericRecord r) {
        r.put(0, u.userId);
        r.put(1, u.impressions);
        r.put(2, u.clicks);
        r.put(3, u.purchases);
        r.put(4, u.revenue);
        r.put(5, u.distinctItems);
        r.put(6, u.firstEventTime);
        r.put(7, u.lastEventTime);
        return r;
    }
}
