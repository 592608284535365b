package io.lakestream.state.sketch;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The Flink serializer shared by the sketch types: a format-version byte, the length, then the
 * sketch's own serialized form ({@link SketchCodec}). The version byte lets a later build read
 * state written in today's format; an unknown version fails with an {@link IOException} that says
 * so, instead of misreading bytes.
 *
 * <p>Stateless (the sketch's parameters travel in its bytes), hence a singleton per sketch type;
 * each concrete subclass has a {@code SimpleTypeSerializerSnapshot} with a public no-arg
 * constructor so that Flink can restore it from a checkpoint. {@link #copy(Object)} is a deep copy:
 * sketches are mutable.
 */
public abstract class SketchTypeSerializer<X> extends TypeSerializerSingleton<X>
        implements SketchCodec<X> {

    private static final long serialVersionUID = 1L;

    /** The format written by this build. */
    public static final int FORMAT_VERSION = 1;

    /** Sketches larger than this are refused when reading, as a guard against corrupt lengths. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public X copy(X from, X reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(X record, DataOutputView target) throws IOException {
        byte[] bytes = toBytes(record);
        target.writeByte(FORMAT_VERSION);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public X deserialize(DataInputView source) throws IOException {
        byte[] bytes = readPayload(source);
        try {
            return fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt " + sketchName() + " state: " + e.getMessage(), e);
        }
    }

    @Override
    public X deserialize(X reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte[] bytes = readPayload(source);
        target.writeByte(FORMAT_VERSION);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    private byte[] readPayload(DataInputView source) throws IOException {
        int version = source.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    "unknown "
                            + sketchName()
                            + " format version "
                            + version
                            + " (this build reads version "
                            + FORMAT_VERSION
                            + "); restore with the Lakestream version that wrote the state");
        }
        int length = source.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("corrupt " + sketchName() + " state: length " + length);
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return bytes;
    }
}
