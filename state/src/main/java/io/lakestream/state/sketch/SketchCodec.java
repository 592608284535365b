package io.lakestream.state.sketch;

/**
 * Turns a sketch into its serialized form and back: the one thing the Flink serializers ({@link
 * SketchTypeSerializer}, {@link SketchVersionedSerializer}) need to know about a sketch type.
 */
public interface SketchCodec<X> {

    /** The sketch type's name, for error messages. */
    String sketchName();

    byte[] toBytes(X sketch);

    /**
     * @throws IllegalArgumentException if {@code bytes} is not a serialized sketch of this type
     */
    X fromBytes(byte[] bytes);
}
