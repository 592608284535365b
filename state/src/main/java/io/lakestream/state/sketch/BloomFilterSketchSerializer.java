package io.lakestream.state.sketch;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * The Flink serializer of {@link BloomFilterSketch}; see {@link SketchTypeSerializer} for the
 * format.
 */
public final class BloomFilterSketchSerializer extends SketchTypeSerializer<BloomFilterSketch> {

    private static final long serialVersionUID = 1L;

    public static final BloomFilterSketchSerializer INSTANCE = new BloomFilterSketchSerializer();

    /** {@link #createInstance()} has to pick a size: a small filter (1,000 items at 1 %). */
    static final long DEFAULT_INSTANCE_CAPACITY = 1_000;

    static final double DEFAULT_INSTANCE_FPP = 0.01;

    @Override
    public String sketchName() {
        return "BloomFilterSketch";
    }

    @Override
    public byte[] toBytes(BloomFilterSketch sketch) {
        return sketch.toBytes();
    }

    @Override
    public BloomFilterSketch fromBytes(byte[] bytes) {
        return BloomFilterSketch.fromBytes(bytes);
    }

    @Override
    public BloomFilterSketch createInstance() {
        return BloomFilterSketch.forCapacity(DEFAULT_INSTANCE_CAPACITY, DEFAULT_INSTANCE_FPP);
    }

    @Override
    public BloomFilterSketch copy(BloomFilterSketch from) {
        return from.copy();
    }

    @Override
    public TypeSerializerSnapshot<BloomFilterSketch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; the format version is in every record, not here. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BloomFilterSketch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
