package io.lakestream.state.sketch;

/** {@link SketchTypeInfo}s of the sketch types, e.g. for {@code ValueStateDescriptor}s. */
public final class SketchTypes {

    private SketchTypes() {}

    public static SketchTypeInfo<DistinctCountSketch> distinctCount() {
        return new SketchTypeInfo<>(
                DistinctCountSketch.class, DistinctCountSketchSerializer.INSTANCE);
    }

    public static SketchTypeInfo<FrequentItemsSketch> frequentItems() {
        return new SketchTypeInfo<>(
                FrequentItemsSketch.class, FrequentItemsSketchSerializer.INSTANCE);
    }

    public static SketchTypeInfo<BloomFilterSketch> bloomFilter() {
        return new SketchTypeInfo<>(BloomFilterSketch.class, BloomFilterSketchSerializer.INSTANCE);
    }
}
