package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.Event;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/** The {@code events} table: every valid, deduplicated, on-time event, by event date and hour. */
public final class EventsTable extends AbstractLakeTable<Event> {

    private static final long serialVersionUID = 1L;

    static final Schema SCHEMA = eventFields(SchemaBuilder.record("event").fields()).endRecord();

    /** The event columns, shared with {@code _late_events}. */
    static SchemaBuilder.FieldAssembler<Schema> eventFields(
            SchemaBuilder.FieldAssembler<Schema> f) {
        return f.name("event_id")
                .type(Columns.STRING)
                .noDefault()
                .name("user_id")
                .type(Columns.STRING)
                .noDefault()
                .name("item_id")
                .type(Columns.STRING)
                .noDefault()
                .name("event_type")
                .type(Columns.STRING)
                .noDefault()
                .name("event_time")
                .type(Columns.timestamp())
                .noDefault()
                .name("country")
                .type(Columns.nullable(Columns.STRING))
                .withDefault(null)
                .name("device")
                .type(Columns.nullable(Columns.STRING))
                .withDefault(null)
                .name("price")
                .type(Columns.nullable(Columns.DOUBLE))
                .withDefault(null)
                .name("age")
                .type(Columns.nullable(Columns.INT))
                .withDefault(null);
    }

    /**
     * The event columns that are ids, nearly all distinct within a file: written without a
     * dictionary (see {@link io.lakestream.connectors.lake.LakeTable#columnsWithoutDictionary()}).
     * A user's events of one file are few (the bench: 10 events per user over 3 days), and a
     * pseudonym is 64 characters.
     */
    static final Set<String> ID_COLUMNS = Set.of("event_id", "user_id");

    /** Fills the event columns (positions 0..8). */
    static void fillEvent(Event e, GenericRecord r) {
        r.put(0, e.eventId);
        r.put(1, e.userId);
        r.put(2, e.itemId);
        r.put(3, e.eventType);
        r.put(4, e.ts);
        r.put(5, e.country);
        r.put(6, e.device);
        r.put(7, e.price);
        r.put(8, e.age);
    }

    public EventsTable() {
        super("events", PartitionScheme.DATE_HOUR, SCHEMA);
    }

    @Override
    public Set<String> columnsWithoutDictionary() {
        return ID_COLUMNS;
    }

    @Override
    public long partitionTime(Event row) {
        return row.ts;
    }

    @Override
    public int sourcePartition(Event row) {
        return row.kafkaPartition;
    }

    @Override
    public long sourceOffset(Event row) {
        return row.kafkaOffset;
    }

    @Override
    public GenericRecord toRecord(Event row, GenericRecord record) {
        fillEvent(row, record);
        return record;
    }
}
