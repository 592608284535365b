package io.lakestream.state.sketch;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * The Flink serializer of {@link DistinctCountSketch}; see {@link SketchTypeSerializer} for the
 * format.
 */
public final class DistinctCountSketchSerializer extends SketchTypeSerializer<DistinctCountSketch> {

    private static final long serialVersionUID = 1L;

    public static final DistinctCountSketchSerializer INSTANCE =
            new DistinctCountSketchSerializer();

    @Override
    public String sketchName() {
        return "DistinctCountSketch";
    }

    @Override
    public byte[] toBytes(DistinctCountSketch sketch) {
        return sketch.toBytes();
    }

    @Override
    public DistinctCountSketch fromBytes(byte[] bytes) {
        return DistinctCountSketch.fromBytes(bytes);
    }

    @Override
    public DistinctCountSketch createInstance() {
        return new DistinctCountSketch();
    }

    @Override
    public DistinctCountSketch copy(DistinctCountSketch from) {
        return from.copy();
    }

    @Override
    public TypeSerializerSnapshot<DistinctCountSketch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; the format version is in every record, not here. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DistinctCountSketch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
