package io.lakestream.state.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Flink serializers of every sketch type, through one set of cases. */
class SketchSerializersTest {

    /**
     * One sketch type: its serializers, a filled sample, a mutation, and a summary (estimate,
     * top-k, membership) that must survive a round trip along with the bytes.
     */
    record Case<X>(
            String name,
            SketchTypeSerializer<X> serializer,
            SketchVersionedSerializer<X> versioned,
            SketchTypeInfo<X> typeInfo,
            Supplier<X> sample,
            Consumer<X> mutate,
            Function<X, Object> summary) {

        byte[] bytes(X x) {
            return serializer.toBytes(x);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case<?>> cases() {
        return Stream.of(
                new Case<>(
                        "distinct count",
                        DistinctCountSketchSerializer.INSTANCE,
                        SketchVersionedSerializer.distinctCount(),
                        SketchTypes.distinctCount(),
                        () -> {
                            DistinctCountSketch s = new DistinctCountSketch();
                            for (int i = 0; i < 50_000; i++) {
                                s.update("user-" + i);
                            }
                            return s;
                        },
                        s -> {
                            for (int i = 0; i < 50_000; i++) {
                                s.update("more-" + i);
                            }
                        },
                        s -> List.of(s.estimate(), s.lowerBound(2), s.upperBound(2))),
                new Case<>(
                        "frequent items",
                        FrequentItemsSketchSerializer.INSTANCE,
                        SketchVersionedSerializer.frequentItems(),
                        SketchTypes.frequentItems(),
                        () -> {
                            FrequentItemsSketch s = new FrequentItemsSketch();
                            FrequentItemsSketchTest.zipf(5000, 1.1, 30_000, 9).forEach(s::update);
                            return s;
                        },
                        s -> s.update("new-item", 1000),
                        s -> List.of(s.topK(20), s.streamLength(), s.maximumError())),
                new Case<>(
                        "Bloom filter",
                        BloomFilterSketchSerializer.INSTANCE,
                        SketchVersionedSerializer.bloomFilter(),
                        SketchTypes.bloomFilter(),
                        () -> {
                            BloomFilterSketch s = BloomFilterSketch.forCapacity(10_000, 0.01);
                            for (int i = 0; i < 5000; i++) {
                                s.put("event-" + i);
                            }
                            return s;
                        },
                        s -> {
                            for (int i = 0; i < 5000; i++) {
                                s.put("late-" + i);
                            }
                        },
                        s ->
                                List.of(
                                        s.bitsUsed(),
                                        s.mightContain("event-1"),
                                        s.mightContain("late-1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <X> void typeSerializerRoundTrip(Case<X> c) throws IOException {
        X sketch = c.sample().get();
        DataOutputSerializer out = new DataOutputSerializer(64);
        c.serializer().serialize(sketch, out);
        c.serializer().serialize(c.serializer().createInstance(), out);
        byte[] written = out.getCopyOfBuffer();
        assertThat(written[0]).as("format version byte").isEqualTo((byte) 1);

        DataInputDeserializer in = new DataInputDeserializer(written);
        X back = c.serializer().deserialize(in);
        X empty = c.serializer().deserialize(in);
        assertThat(in.available()).isZero();
        assertThat(c.bytes(back)).isEqualTo(c.bytes(sketch));
        assertThat(c.summary().apply(back)).isEqualTo(c.summary().apply(sketch));
        assertThat(c.bytes(empty)).isEqualTo(c.bytes(c.serializer().createInstance()));

        // copying serialized records copies them verbatim
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer again = new DataInputDeserializer(written);
        c.serializer().copy(again, copied);
        c.serializer().copy(again, copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <X> void anUnknownFormatVersionIsRefused(Case<X> c) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        c.serializer().serialize(c.sample().get(), out);
        byte[] written = out.getCopyOfBuffer();
        written[0] = 2;
        assertThatThrownBy(() -> c.serializer().deserialize(new DataInputDeserializer(written)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format version 2");
        byte[] garbage = {1, 0, 0, 0, 3, 9, 9, 9};
        assertThatThrownBy(() -> c.serializer().deserialize(new DataInputDeserializer(garbage)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <X> void snapshotRestoresASerializerThatReadsOldBytes(Case<X> c) throws IOException {
        X sketch = c.sample().get();
        DataOutputSerializer state = new DataOutputSerializer(64);
        c.serializer().serialize(sketch, state);

        DataOutputSerializer snapshotOut = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(
                snapshotOut, c.serializer().snapshotConfiguration());
        TypeSerializerSnapshot<X> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(snapshotOut.getCopyOfBuffer()),
                        getClass().getClassLoader());

        assertThat(
                        c.serializer()
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
        TypeSerializer<X> restoredSerializer = restored.restoreSerializer();
        assertThat(restoredSerializer).isEqualTo(c.serializer());
        X back = restoredSerializer.deserialize(new DataInputDeserializer(state.getCopyOfBuffer()));
        assertThat(c.bytes(back)).isEqualTo(c.bytes(sketch));
        assertThat(c.summary().apply(back)).isEqualTo(c.summary().apply(sketch));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <X> void versionedSerializerRoundTripAndUnknownVersion(Case<X> c) throws IOException {
        X sketch = c.sample().get();
        byte[] bytes = SimpleVersionedSerialization.writeVersionAndSerialize(c.versioned(), sketch);
        X back = SimpleVersionedSerialization.readVersionAndDeSerialize(c.versioned(), bytes);
        assertThat(c.bytes(back)).isEqualTo(c.bytes(sketch));
        assertThat(c.summary().apply(back)).isEqualTo(c.summary().apply(sketch));
        assertThat(c.versioned().getVersion()).isEqualTo(1);

        byte[] payload = c.versioned().serialize(sketch);
        assertThatThrownBy(() -> c.versioned().deserialize(2, payload))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> c.versioned().deserialize(1, new byte[] {7, 7, 7}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <X> void copyIsDeep(Case<X> c) {
        X sketch = c.sample().get();
        byte[] before = c.bytes(sketch);
        Object summaryBefore = c.summary().apply(sketch);
        X copy = c.serializer().copy(sketch);
        X reuseCopy = c.serializer().copy(sketch, c.serializer().createInstance());
        assertThat(c.bytes(copy)).isEqualTo(before);
        assertThat(c.bytes(reuseCopy)).isEqualTo(before);

        c.mutate().accept(copy);
        assertThat(c.bytes(copy)).isNotEqualTo(before);
        assertThat(c.bytes(sketch)).isEqualTo(before);
        assertThat(c.summary().apply(sketch)).isEqualTo(summaryBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <X> void typeInformationUsesTheSketchSerializer(Case<X> c) {
        TypeSerializer<X> s = c.typeInfo().createSerializer(new SerializerConfigImpl());
        assertThat(s).isSameAs(c.serializer());
        assertThat(c.serializer().duplicate()).isSameAs(c.serializer());
        assertThat(c.serializer().isImmutableType()).isFalse();
        assertThat(c.typeInfo().getTypeClass()).isEqualTo(c.sample().get().getClass());
        assertThat(c.typeInfo().isKeyType()).isFalse();
    }
}
