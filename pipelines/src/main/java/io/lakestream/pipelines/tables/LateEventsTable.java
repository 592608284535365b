package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.LateEvent;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code _late_events} table: events that arrived behind the watermark, by their event date,
 * with their arrival time, the watermark they met and their Kafka position. A repair restates the
 * partitions they name.
 */
public final class LateEventsTable extends AbstractLakeTable<LateEvent> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "_late_events";

    /** The event-time column, which decides the partition. */
    public static final String EVENT_TIME = "event_time";

    static final Schema SCHEMA =
            EventsTable.eventFields(SchemaBuilder.record("late_event").fields())
                    .name("arrival_time")
                    .type(Columns.timestamp())
                    .noDefault()
                    .name("watermark")
                    .type(Columns.timestamp())
                    .noDefault()
                    .name("kafka_partition")
                    .type(Columns.INT)
                    .noDefault()
                    .name("kafka_offset")
                    .type(Columns.LONG)
                    .noDefault()
                    .endRecord();

    public LateEventsTable() {
        super(NAME, PartitionScheme.DATE, SCHEMA);
    }

    @Override
    public Set<String> columnsWithoutDictionary() {
        return EventsTable.ID_COLUMNS;
    }

    @Override
    public long partitionTime(LateEvent row) {
        return row.event.ts;
    }

    @Override
    public int sourcePartition(LateEvent row) {
        return row.event.kafkaPartition;
    }

    @Override
    public long sourceOffset(LateEvent row) {
        return row.event.kafkaOffset;
    }

    @Override
    public GenericRecord toRecord(LateEvent row, GenericRecord r) {
        EventsTable.fillEvent(row.event, r);
        r.put(9, row.event.arrival);
        r.put(10, row.watermark);
        r.put(11, row.event.kafkaPartition);
        r.put(12, row.event.kafkaOffset);
        return r;
    }
}
