package io.lakestream.state.sketch;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A {@link SimpleVersionedSerializer} for a sketch type — for places that store sketches outside
 * keyed state (e.g. source/sink checkpoint state, or committables). The payload is the sketch's own
 * serialized form; the version is kept by the caller, as Flink's {@code
 * SimpleVersionedSerialization} does, and an unknown version is refused with an {@link
 * IOException}.
 */
public final class SketchVersionedSerializer<X> implements SimpleVersionedSerializer<X> {

    /** The version written by this build. */
    public static final int VERSION = 1;

    private final SketchCodec<X> codec;

    public SketchVersionedSerializer(SketchCodec<X> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public static SketchVersionedSerializer<DistinctCountSketch> distinctCount() {
        return new SketchVersionedSerializer<>(DistinctCountSketchSerializer.INSTANCE);
    }

    public static SketchVersionedSerializer<FrequentItemsSketch> frequentItems() {
        return new SketchVersionedSerializer<>(FrequentItemsSketchSerializer.INSTANCE);
    }

    public static SketchVersionedSerializer<BloomFilterSketch> bloomFilter() {
        return new SketchVersionedSerializer<>(BloomFilterSketchSerializer.INSTANCE);
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(X sketch) {
        return codec.toBytes(sketch);
    }

    @Override
    public X deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "unknown "
                            + codec.sketchName()
                            + " serializer version "
                            + version
                            + " (this build reads version "
                            + VERSION
                            + ")");
        }
        try {
            return codec.fromBytes(serialized);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt " + codec.sketchName() + ": " + e.getMessage(), e);
        }
    }
}
