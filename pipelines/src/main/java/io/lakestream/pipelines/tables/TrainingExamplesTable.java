package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.TrainingExample;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code training_examples} table: one row per impression, partitioned by the impression's
 * date, with its click label, context, the user's profile as of the impression, the user's activity
 * over the days before the impression's date and the country's region and currency. Every column is
 * described in the README.
 */
public final class TrainingExamplesTable extends AbstractLakeTable<TrainingExample> {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "training_examples";

    static final Schema SCHEMA =
            SchemaBuilder.record(NAME)
                    .fields()
                    .name("event_id")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("user_id")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("item_id")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("label")
                    .type(Columns.INT)
                    .noDefault()
                    .name("event_time")
                    .type(Columns.timestamp())
                    .noDefault()
                    .name("hour_of_day")
                    .type(Columns.INT)
                    .noDefault()
                    .name("country")
                    .type(Columns.nullable(Columns.STRING))
                    .withDefault(null)
                    .name("device")
                    .type(Columns.nullable(Columns.STRING))
                    .withDefault(null)
                    .name("region")
                    .type(Columns.nullable(Columns.STRING))
                    .withDefault(null)
                    .name("currency")
                    .type(Columns.nullable(Columns.STRING))
                    .withDefault(null)
                    .name("profile_time")
                    .type(Columns.nullable(Columns.timestamp()))
                    .withDefault(null)
                    .name("profile_country")
                    .type(Columns.nullable(Columns.STRING))
                    .withDefault(null)
                    .name("profile_age")
                    .type(Columns.nullable(Columns.INT))
                    .withDefault(null)
                    .name("profile_tier")
                    .type(Columns.nullable(Columns.STRING))
                    .withDefault(null)
                    .name("prior_days_active")
                    .type(Columns.INT)
                    .noDefault()
                    .name("prior_impressions")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("prior_clicks")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("prior_purchases")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("prior_revenue")
                    .type(Columns.DOUBLE)
                    .noDefault()
                    .name("prior_ctr")
                    .type(Columns.nullable(Columns.DOUBLE))
                    .withDefault(null)
                    .endRecord();

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;

    public TrainingExamplesTable() {
        super(NAME, PartitionScheme.DATE, SCHEMA);
    }

    @Override
    public long partitionTime(TrainingExample row) {
        return row.eventTime;
    }

    @Override
    public GenericRecord toRecord(TrainingExample t, GenericRecord r) {
        r.put(0, t.eventId);
        r.put(1, t.userId);
        r.put(2, t.itemId);
        r.put(3, t.label);
        r.put(4, t.eventTime);
        r.put(5, (int) (Math.floorMod(t.eventTime, DAY_MS) / HOUR_MS)); // UTC
        r.put(6, t.country);
        r.put(7, t.device);
        r.put(8, t.region);
        r.put(9, t.currency);
        r.put(10, t.profileTime);
        r.put(11, t.profileCountry);
        r.put(12, t.profileAge);
        r.put(13, t.profileTier);
        r.put(14, t.priorDaysActive);
        r.put(15, t.priorImpressions);
        r.put(16, t.priorClicks);
        r.put(17, t.priorPurchases);
        r.put(18, t.priorRevenue);
        r.put(19, t.priorCtr);
        return r;
    }
}
