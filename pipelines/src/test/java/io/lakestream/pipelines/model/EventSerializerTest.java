package io.lakestream.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The backfill's {@link EventSerializer} against Flink's serializer contract (round trips, copies
 * through views, duplicates across threads, snapshots): events with every nullable field null and
 * set, non-ASCII and long text, extreme numbers.
 */
class EventSerializerTest extends SerializerTestBase<Event> {

    @Override
    protected TypeSerializer<Event> createSerializer() {
        return new EventSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Event> getTypeClass() {
        return Event.class;
    }

    @Override
    protected Event[] getTestData() {
        SplittableRandom rnd = new SplittableRandom(7);
        Event[] events = new Event[40];
        events[0] = new Event(); // every field at its default: all text null
        Event full = event(rnd);
        full.eventId = "é-ü-" + "x".repeat(300); // non-ASCII, and a length over one varint byte
        full.country = "日本";
        full.price = Double.MAX_VALUE;
        full.age = Integer.MIN_VALUE;
        full.ts = Long.MIN_VALUE;
        full.kafkaOffset = Long.MAX_VALUE;
        events[1] = full;
        Event empty = event(rnd);
        empty.userId = "";
        empty.price = -0.0;
        empty.device = "\ud800 unpaired"; // a JSON escape can produce one; UTF-8 cannot carry it
        events[2] = empty;
        for (int i = 3; i < events.length; i++) {
            Event e = event(rnd);
            // each nullable field null in some events
            e.country = rnd.nextInt(4) == 0 ? null : e.country;
            e.device = rnd.nextInt(4) == 0 ? null : e.device;
            e.price = rnd.nextBoolean() ? null : e.price;
            e.age = rnd.nextBoolean() ? null : e.age;
            events[i] = e;
        }
        return events;
    }

    /**
     * {@link Event#equals} leaves out the provenance: the round trip is checked field by field,
     * over every public field of {@link Event}, so a field the serializer forgets fails here.
     */
    @Test
    void keepsEveryField() throws Exception {
        EventSerializer serializer = new EventSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        Event[] events = getTestData();
        for (Event e : events) {
            serializer.serialize(e, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (Event e : events) {
            Event back = serializer.deserialize(in);
            for (Field f : Event.class.getFields()) {
                assertThat(f.get(back)).as(f.getName()).isEqualTo(f.get(e));
            }
        }
        assertThat(in.available()).isZero();
    }

    /** The test data sets every field away from its default, a field added later included. */
    @Test
    void theTestDataSetsEveryField() throws Exception {
        Event defaults = new Event();
        Event e = event(new SplittableRandom(1));
        for (Field f : Event.class.getFields()) {
            assertThat(f.get(e)).as(f.getName()).isNotEqualTo(f.get(defaults));
        }
    }

    private static Event event(SplittableRandom rnd) {
        Event e = new Event();
        e.eventId = "e-" + Long.toHexString(rnd.nextLong());
        e.userId = "u" + rnd.nextInt(1_000_000);
        e.itemId = "i" + rnd.nextInt(100_000);
        e.eventType = "click";
        e.ts = rnd.nextLong(0, 4_000_000_000_000L);
        e.country = "DE";
        e.device = "ios";
        e.price = rnd.nextDouble() * 100;
        e.age = rnd.nextInt(121);
        e.kafkaPartition = rnd.nextInt(12);
        e.kafkaOffset = rnd.nextLong(1L << 40);
        e.arrival = e.ts + rnd.nextInt(600_000);
        e.watermarkAtArrival = e.ts - rnd.nextInt(1, 60_000);
        return e;
    }
}
