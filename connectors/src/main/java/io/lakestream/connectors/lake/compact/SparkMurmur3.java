package io.lakestream.connectors.lake.compact;

/**
 * The 32-bit MurmurHash3 (x86 variant) exactly as Apache Spark computes it for {@code hash()}, hash
 * partitioning and bucketing (docs/decisions/0010-bucketing.md).
 *
 * <p>Ints and longs are hashed as Spark's {@code Murmur3_x86_32.hashInt}/{@code hashLong}: one or
 * two 4-byte blocks (a long low word first), then the finalisation mix with length 4 or 8. Byte
 * strings (a string's UTF-8 bytes) are hashed as Spark's {@code hashUnsafeBytes}: the whole 4-byte
 * blocks read little-endian, as in the reference algorithm, but each of the 1 to 3 remaining bytes
 * is then mixed in as a block of its own, its value sign-extended to an int, where the reference
 * algorithm packs the remaining bytes into one block. So for lengths that are a multiple of 4 the
 * result equals the reference MurmurHash3_x86_32; for other lengths it differs. Spark keeps this
 * variant for its SQL hash and bucketing for compatibility with existing bucketed tables.
 */
public final class SparkMurmur3 {

    /** The seed of Spark's {@code hash()} expression and of its hash partitioning. */
    public static final int SPARK_SEED = 42;

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private SparkMurmur3() {}

    /** Spark's hash of an int (also of byte, short and date values, which it widens to int). */
    public static int hashInt(int value, int seed) {
        return finish(mixBlock(seed, value), 4);
    }

    /** Spark's hash of a long: its low 32 bits as the first block, the high 32 bits second. */
    public static int hashLong(long value, int seed) {
        int h = mixBlock(seed, (int) value);
        h = mixBlock(h, (int) (value >>> 32));
        return finish(h, 8);
    }

    /** Spark's hash of a byte string ({@code hashUnsafeBytes}, with its per-byte tail). */
    public static int hashBytes(byte[] bytes, int offset, int length, int seed) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException(offset + "+" + length + " of " + bytes.length);
        }
        int h = seed;
        int whole = length & ~3;
        for (int i = 0; i < whole; i += 4) {
            int p = offset + i;
            int block =
                    (bytes[p] & 0xff)
                            | (bytes[p + 1] & 0xff) << 8
                            | (bytes[p + 2] & 0xff) << 16
                            | (bytes[p + 3] & 0xff) << 24;
            h = mixBlock(h, block);
        }
        for (int i = whole; i < length; i++) {
            h = mixBlock(h, bytes[offset + i]); // signed: a byte >= 0x80 becomes a negative int
        }
        return finish(h, length);
    }

    /** {@link #hashBytes(byte[], int, int, int)} over a whole array. */
    public static int hashBytes(byte[] bytes, int seed) {
        return hashBytes(bytes, 0, bytes.length, seed);
    }

    /** One 4-byte block into the running hash. */
    private static int mixBlock(int h, int block) {
        int k = block * C1;
        k = Integer.rotateLeft(k, 15);
        k *= C2;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    /** The finalisation mix: the length, then the avalanche of all bits. */
    private static int finish(int h, int length) {
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
