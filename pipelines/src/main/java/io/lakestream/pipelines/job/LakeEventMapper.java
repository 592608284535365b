package io.lakestream.pipelines.job;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.source.LakeRecordMapper;
import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import org.apache.avro.generic.GenericRecord;

/**
 * A row of {@code events} or {@code _late_events} back into an {@link Event}, for a backfill that
 * reads the lake. Rows of {@code events} carry no Kafka provenance (partition and offset are -1,
 * arrival is the event time); rows of {@code _late_events} keep theirs.
 */
final class LakeEventMapper implements LakeRecordMapper<DecodedRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public DecodedRecord map(GenericRecord r, Partition partition) {
        Event e = new Event();
        e.eventId = text(r, "event_id");
        e.userId = text(r, "user_id");
        e.itemId = text(r, "item_id");
        e.eventType = text(r, "event_type");
        e.ts = (Long) r.get("event_time");
        e.country = text(r, "country");
        e.device = text(r, "device");
        e.price = (Double) r.get("price");
        e.age = (Integer) r.get("age");
        boolean late = r.getSchema().getField("kafka_offset") != null;
        e.kafkaPartition = late ? (Integer) r.get("kafka_partition") : -1;
        e.kafkaOffset = late ? (Long) r.get("kafka_offset") : -1L;
        e.arrival = late ? (Long) r.get("arrival_time") : e.ts;
        return DecodedRecord.valid(e);
    }

    private static String text(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? null : v.toString();
    }
}
