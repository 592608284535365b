package io.lakestream.pipelines.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer of {@link Event}, for every exchange and state of events (see {@link
 * EventTypeInfo}).
 *
 * <p>Flink's POJO serializer sets and reads each field by reflection and writes strings a char at a
 * time, through a thread-local buffer; in a backfill, where BATCH mode serializes every event into
 * a sort buffer, copies it when it spills and reads it back, that was a third of the CPU (JFR), and
 * in a stream's exchanges about a tenth. This one writes a record as a length, a null mask and the
 * fields, ASCII strings a byte per char; copying a record is one bulk copy of its bytes. Its
 * instances keep scratch buffers, so each thread gets its own ({@link #duplicate()}).
 *
 * <p>Its format is in a stream's savepoints (the events in {@code user_daily}'s open windows): a
 * change of it is a state break (docs/decisions/0028-event-serializer-in-streams.md).
 */
public final class EventSerializer extends TypeSerializer<Event> {

    private static final long serialVersionUID = 1L;

    private static final int NULL_EVENT_ID = 1;
    private static final int NULL_USER_ID = 1 << 1;
    private static final int NULL_ITEM_ID = 1 << 2;
    private static final int NULL_EVENT_TYPE = 1 << 3;
    private static final int NULL_COUNTRY = 1 << 4;
    private static final int NULL_DEVICE = 1 << 5;
    private static final int NULL_PRICE = 1 << 6;
    private static final int NULL_AGE = 1 << 7;

    private transient DataOutputSerializer body;
    private transient DataInputDeserializer reader;
    private transient byte[] scratch;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<Event> duplicate() {
        return new EventSerializer();
    }

    @Override
    public Event createInstance() {
        return new Event();
    }

    @Override
    public Event copy(Event from) {
        Event e = new Event();
        e.eventId = from.eventId;
        e.userId = from.userId;
        e.itemId = from.itemId;
        e.eventType = from.eventType;
        e.ts = from.ts;
        e.country = from.country;
        e.device = from.device;
        e.price = from.price;
        e.age = from.age;
        e.kafkaPartition = from.kafkaPartition;
        e.kafkaOffset = from.kafkaOffset;
        e.arrival = from.arrival;
        e.watermarkAtArrival = from.watermarkAtArrival;
        return e;
    }

    @Override
    public Event copy(Event from, Event reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Event e, DataOutputView target) throws IOException {
        if (body == null) {
            body = new DataOutputSerializer(256);
        }
        body.clear();
        int nulls =
                (e.eventId == null ? NULL_EVENT_ID : 0)
                        | (e.userId == null ? NULL_USER_ID : 0)
                        | (e.itemId == null ? NULL_ITEM_ID : 0)
                        | (e.eventType == null ? NULL_EVENT_TYPE : 0)
                        | (e.country == null ? NULL_COUNTRY : 0)
                        | (e.device == null ? NULL_DEVICE : 0)
                        | (e.price == null ? NULL_PRICE : 0)
                        | (e.age == null ? NULL_AGE : 0);
        body.writeByte(nulls);
        writeText(body, e.eventId);
        writeText(body, e.userId);
        writeText(body, e.itemId);
        writeText(body, e.eventType);
        body.writeLong(e.ts);
        writeText(body, e.country);
        writeText(body, e.device);
        if (e.price != null) {
            body.writeDouble(e.price);
        }
        if (e.age != null) {
            body.writeInt(e.age);
        }
        body.writeInt(e.kafkaPartition);
        body.writeLong(e.kafkaOffset);
        body.writeLong(e.arrival);
        body.writeLong(e.watermarkAtArrival);
        target.writeInt(body.length());
        target.write(body.getSharedBuffer(), 0, body.length());
    }

    @Override
    public Event deserialize(DataInputView source) throws IOException {
        int length = source.readInt();
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 256)];
        }
        source.readFully(scratch, 0, length);
        if (reader == null) {
            reader = new DataInputDeserializer();
        }
        reader.setBuffer(scratch, 0, length);
        DataInputDeserializer in = reader;
        int nulls = in.readUnsignedByte();
        Event e = new Event();
        e.eventId = readText(in, nulls, NULL_EVENT_ID);
        e.userId = readText(in, nulls, NULL_USER_ID);
        e.itemId = readText(in, nulls, NULL_ITEM_ID);
        e.eventType = readText(in, nulls, NULL_EVENT_TYPE);
        e.ts = in.readLong();
        e.country = readText(in, nulls, NULL_COUNTRY);
        e.device = readText(in, nulls, NULL_DEVICE);
        e.price = (nulls & NULL_PRICE) != 0 ? null : in.readDouble();
        e.age = (nulls & NULL_AGE) != 0 ? null : in.readInt();
        e.kafkaPartition = in.readInt();
        e.kafkaOffset = in.readLong();
        e.arrival = in.readLong();
        e.watermarkAtArrival = in.readLong();
        return e;
    }

    @Override
    public Event deserialize(Event reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    /**
     * Nothing for a null (it is in the mask); else a varint of the length shifted left by one, its
     * low bit telling how the chars follow: one byte each when all are ASCII (event ids, user ids,
     * codes), two bytes each otherwise, so that any Java string comes back as it was, unpaired
     * surrogates of a JSON escape included (UTF-8 would turn them into '?').
     */
    private static void writeText(DataOutputSerializer out, String s) throws IOException {
        if (s == null) {
            return;
        }
        int length = s.length();
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        int header = (length << 1) | (ascii ? 0 : 1);
        while ((header & ~0x7F) != 0) {
            out.writeByte((header & 0x7F) | 0x80);
            header >>>= 7;
        }
        out.writeByte(header);
        if (ascii) {
            // one bulk copy (a compact string's bytes are its chars), not a call per char, which
            // was the backfill's top frame (JFR); not out.writeBytes(s): Flink 2.2's advances the
            // position twice (FLINK-23598)
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.writeChars(s);
        }
    }

    private String readText(DataInputDeserializer in, int nulls, int nullBit) throws IOException {
        if ((nulls & nullBit) != 0) {
            return null;
        }
        int header = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            header |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        int length = header >>> 1;
        int at = in.getPosition();
        if ((header & 1) == 0) {
            in.skipBytesToRead(length);
            return new String(scratch, at, length, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSerializer;
    }

    @Override
    public int hashCode() {
        return EventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters: a snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Event> {
        public Snapshot() {
            super(EventSerializer::new);
        }
    }
}
