package io.lakestream.pipelines.model;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of {@link Event} records in a backfill: serialized by {@link EventSerializer} instead of
 * Flink's POJO serializer. A backfill (BATCH mode) keeps no state across runs, so its record format
 * is free to change; a stream's events stay POJOs ({@link #of(boolean)}), whose format is part of
 * its savepoints.
 */
public final class EventTypeInfo extends TypeInformation<Event> {

    private static final long serialVersionUID = 1L;

    /** The events' type: hand-serialized for a backfill, the POJO type for a stream. */
    public static TypeInformation<Event> of(boolean backfill) {
        return backfill ? new EventTypeInfo() : TypeInformation.of(Event.class);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Event> getTypeClass() {
        return Event.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Event> createSerializer(SerializerConfig config) {
        return new EventSerializer();
    }

    @Override
    public String toString() {
        return "Event (backfill)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventTypeInfo;
    }

    @Override
    public int hashCode() {
        return EventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof EventTypeInfo;
    }
}
