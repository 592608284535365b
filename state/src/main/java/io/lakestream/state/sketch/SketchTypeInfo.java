package io.lakestream.state.sketch;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The {@link TypeInformation} of a sketch type, so that operators and state descriptors use the
 * sketch's own serializer: {@code TypeInformation.of(DistinctCountSketch.class)} would fall back to
 * Kryo, which Lakestream disables. Obtain instances from {@link SketchTypes}.
 */
public final class SketchTypeInfo<X> extends TypeInformation<X> {

    private static final long serialVersionUID = 1L;

    private final Class<X> typeClass;
    private final SketchTypeSerializer<X> serializer;

    SketchTypeInfo(Class<X> typeClass, SketchTypeSerializer<X> serializer) {
        this.typeClass = Objects.requireNonNull(typeClass, "typeClass");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
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
    public Class<X> getTypeClass() {
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<X> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return typeClass.getSimpleName();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SketchTypeInfo<?> other
                && other.canEqual(this)
                && typeClass == other.typeClass;
    }

    @Override
    public int hashCode() {
        return typeClass.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SketchTypeInfo;
    }
}
