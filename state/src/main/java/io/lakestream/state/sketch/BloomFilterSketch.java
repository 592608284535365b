package io.lakestream.state.sketch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.apache.datasketches.filters.bloomfilter.BloomFilter;
import org.apache.datasketches.filters.bloomfilter.BloomFilterBuilder;
import org.apache.datasketches.memory.Memory;

/**
 * Approximate set membership for strings such as event ids (a Bloom filter, Apache DataSketches
 * {@code BloomFilter}): no false negatives, false positives at about the rate it was sized for.
 *
 * <p>The hash seed is the fixed {@link #SEED}, so two filters of the same capacity are compatible
 * ({@link #union}) and the same inputs give the same bits in every run; the bit array is a set
 * union of per-item bits, so {@link #toBytes()} does not depend on the order of the inserts. Sized
 * by {@link #forCapacity}: 10M ids at 1 % false positives take about 12 MB (measured in {@code
 * BloomFilterSketchTest}).
 *
 * <p>Null and empty strings are rejected: DataSketches silently ignores the empty string on insert
 * and reports it absent on lookup, which would be a false negative. Not thread-safe.
 */
public final class BloomFilterSketch {

    /** The hash seed of every Lakestream Bloom filter; changing it makes old filters unusable. */
    public static final long SEED = 0x4c616b6573747265L; // "Lakestre"

    // preamble (8) + seed (8) + bit array header (8): then the cached number of bits set
    private static final int BITS_SET_OFFSET = 24;

    private final BloomFilter filter;

    private BloomFilterSketch(BloomFilter filter) {
        this.filter = filter;
    }

    /**
     * An empty filter sized so that after {@code expectedItems} distinct inserts a lookup of an
     * absent item answers "might contain" with probability about {@code falsePositiveRate}.
     */
    public static BloomFilterSketch forCapacity(long expectedItems, double falsePositiveRate) {
        if (expectedItems <= 0) {
            throw new IllegalArgumentException(
                    "expectedItems must be positive, was " + expectedItems);
        }
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException(
                    "falsePositiveRate must be in (0, 1), was " + falsePositiveRate);
        }
        return new BloomFilterSketch(
                BloomFilterBuilder.createByAccuracy(expectedItems, falsePositiveRate, SEED));
    }

    /** Reads a filter written by {@link #toBytes()}. */
    public static BloomFilterSketch fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        BloomFilter f;
        try {
            f = BloomFilter.heapify(Memory.wrap(bytes));
        } catch (RuntimeException e) { // SketchesException, or the memory layer's bounds checks
            throw new IllegalArgumentException(
                    "not a serialized BloomFilterSketch: " + e.getMessage(), e);
        }
        if (f.getSeed() != SEED) {
            throw new IllegalArgumentException(
                    "not a Lakestream Bloom filter: seed "
                            + Long.toHexString(f.getSeed())
                            + ", expected "
                            + Long.toHexString(SEED));
        }
        return new BloomFilterSketch(f);
    }

    /** Whether {@code item} might have been put (false: it certainly was not). */
    public boolean mightContain(String item) {
        return filter.query(check(item));
    }

    /** Adds {@code item}. */
    public void put(String item) {
        filter.update(check(item));
    }

    /**
     * Adds {@code item} and returns whether it might have been present before — the dedup
     * primitive: {@code false} means certainly new.
     */
    public boolean checkAndPut(String item) {
        return filter.queryAndUpdate(check(item));
    }

    /**
     * Adds every item of {@code other} (bitwise OR). Both must come from {@link #forCapacity} with
     * the same arguments.
     *
     * @return this filter
     */
    public BloomFilterSketch union(BloomFilterSketch other) {
        Objects.requireNonNull(other, "other");
        if (!filter.isCompatible(other.filter)) {
            throw new IllegalArgumentException(
                    "cannot union Bloom filters of different shape: "
                            + shape()
                            + " and "
                            + other.shape()
                            + "; create both with the same forCapacity(expectedItems, rate)");
        }
        filter.union(other.filter);
        return this;
    }

    /** The number of bits set. */
    public long bitsUsed() {
        return filter.getBitsUsed();
    }

    /** The size of the bit array, in bits. */
    public long capacityBits() {
        return filter.getCapacity();
    }

    public int numHashes() {
        return filter.getNumHashes();
    }

    /**
     * The size of {@link #toBytes()} now: an empty filter serializes to its 24-byte header, a
     * non-empty one to the header plus the whole bit array.
     */
    public long sizeBytes() {
        return filter.getSerializedSizeBytes();
    }

    public boolean isEmpty() {
        return filter.isEmpty();
    }

    /**
     * The serialized form (DataSketches' image); the same set of items gives the same bytes. The
     * image caches the number of bits set, which the library writes as -1 ("recount") or as the
     * count depending on which calls filled the filter; it is always written as the count here.
     */
    public byte[] toBytes() {
        byte[] bytes = filter.toByteArray();
        if (bytes.length > BITS_SET_OFFSET) {
            ByteBuffer.wrap(bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(BITS_SET_OFFSET, filter.getBitsUsed());
        }
        return bytes;
    }

    /** A deep copy. */
    public BloomFilterSketch copy() {
        return fromBytes(toBytes());
    }

    @Override
    public String toString() {
        return "BloomFilterSketch{" + shape() + ", bitsUsed=" + bitsUsed() + "}";
    }

    private String shape() {
        return "bits=" + filter.getCapacity() + ", hashes=" + filter.getNumHashes();
    }

    private static String check(String item) {
        Objects.requireNonNull(item, "item");
        if (item.isEmpty()) {
            throw new IllegalArgumentException("a Bloom filter item must not be empty");
        }
        return item;
    }
}
