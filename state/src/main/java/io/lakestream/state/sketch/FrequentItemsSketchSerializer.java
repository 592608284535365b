package io.lakestream.state.sketch;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * The Flink serializer of {@link FrequentItemsSketch}; see {@link SketchTypeSerializer} for the
 * format.
 */
public final class FrequentItemsSketchSerializer extends SketchTypeSerializer<FrequentItemsSketch> {

    private static final long serialVersionUID = 1L;

    public static final FrequentItemsSketchSerializer INSTANCE =
            new FrequentItemsSketchSerializer();

    @Override
    public String sketchName() {
        return "FrequentItemsSketch";
    }

    @Override
    public byte[] toBytes(FrequentItemsSketch sketch) {
        return sketch.toBytes();
    }

    @Override
    public FrequentItemsSketch fromBytes(byte[] bytes) {
        return FrequentItemsSketch.fromBytes(bytes);
    }

    @Override
    public FrequentItemsSketch createInstance() {
        return new FrequentItemsSketch();
    }

    @Override
    public FrequentItemsSketch copy(FrequentItemsSketch from) {
        return from.copy();
    }

    @Override
    public TypeSerializerSnapshot<FrequentItemsSketch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; the format version is in every record, not here. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FrequentItemsSketch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
