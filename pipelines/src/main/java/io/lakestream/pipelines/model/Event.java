package io.lakestream.pipelines.model;

import java.util.Objects;

/**
 * One valid event of the {@code events} topic (DESIGN.md, "Data contract"), with where it was read
 * from. Jobs serialize it with {@link EventSerializer} ({@link EventTypeInfo}): a new field must be
 * added there too, with a new version of its format (docs/decisions/0028).
 */
public class Event {
    public String eventId;
    public String userId;
    public String itemId;
    public String eventType;

    /** Event time, epoch milliseconds UTC. */
    public long ts;

    public String country;
    public String device;
    public Double price;
    public Integer age;

    /** Provenance: Kafka partition, offset and record timestamp (ingestion time). */
    public int kafkaPartition;

    public long kafkaOffset;
    public long arrival;

    /**
     * The watermark of the Kafka source when the event arrived (Long.MIN_VALUE in a backfill):
     * whether the event is late is decided against it (see {@code LateEventSplitter}).
     */
    public long watermarkAtArrival = Long.MIN_VALUE;

    public Event() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Event)) {
            return false;
        }
        Event e = (Event) o;
        return ts == e.ts
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(userId, e.userId)
                && Objects.equals(itemId, e.itemId)
                && Objects.equals(eventType, e.eventType)
                && Objects.equals(country, e.country)
                && Objects.equals(device, e.device)
                && Objects.equals(price, e.price)
                && Objects.equals(age, e.age);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, userId, itemId, eventType, ts);
    }

    @Override
    public String toString() {
        return "Event{" + eventId + ", " + userId + ", " + itemId + ", " + eventType + ", " + ts
                + "}";
    }
}
