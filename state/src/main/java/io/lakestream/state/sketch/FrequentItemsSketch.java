package io.lakestream.state.sketch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Heavy hitters of a stream of strings (Misra-Gries, Apache DataSketches {@code ItemsSketch}),
 * mergeable, with a deterministic {@link #topK(int)} and serialized form.
 *
 * <p>The sketch keeps at most {@code 0.75 * maxMapSize} counters. Until more distinct items than
 * that have been seen it is <b>exact</b> ({@link #maximumError()} == 0): every count is the true
 * count and {@link #toBytes()} is canonical — byte-identical for the same multiset of updates in
 * any order and any split into merged partial sketches (entries are written sorted by item, and the
 * table size depends only on the number of items). The default {@code maxMapSize = 2^15} is exact
 * up to 24,576 distinct items.
 *
 * <p>Beyond that the sketch purges: it subtracts from every counter and drops the ones that reach
 * zero, adding the amount to {@link #maximumError()}. Which counters survive a purge depends on the
 * order of the updates (and on where a checkpoint restore rebuilt the table), so after a purge the
 * counts — and the bytes — are order-dependent, within the guarantee: every true count lies in
 * {@code [lowerBound, upperBound]} with {@code upperBound - lowerBound ≤ maximumError()}, and an
 * item whose true count exceeds {@code maximumError()} is never missing. A stream run and a
 * backfill then agree on the heavy hitters, not necessarily on the bytes; size the map so the
 * tables compared by {@code verify} stay exact.
 *
 * <p>Null items are rejected. Not thread-safe.
 */
public final class FrequentItemsSketch {

    /** 2^15 counters' worth of table: exact up to 24,576 distinct items. */
    public static final int DEFAULT_MAX_MAP_SIZE = 1 << 15;

    private static final int MIN_MAX_MAP_SIZE = 8;
    private static final int MAX_MAX_MAP_SIZE = 1 << 26;
    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();
    private static final Comparator<ItemEstimate> TOP_ORDER =
            Comparator.comparingLong(ItemEstimate::estimate)
                    .reversed()
                    .thenComparing(ItemEstimate::item);

    private final int maxMapSize;
    private ItemsSketch<String> sketch;

    /** An empty sketch with {@link #DEFAULT_MAX_MAP_SIZE}. */
    public FrequentItemsSketch() {
        this(DEFAULT_MAX_MAP_SIZE);
    }

    /**
     * An empty sketch whose table has {@code maxMapSize} slots (a power of two, 8 .. 2^26); it is
     * exact up to {@code 0.75 * maxMapSize} distinct items.
     */
    public FrequentItemsSketch(int maxMapSize) {
        this(checkMaxMapSize(maxMapSize), new ItemsSketch<>(maxMapSize));
    }

    private FrequentItemsSketch(int maxMapSize, ItemsSketch<String> sketch) {
        this.maxMapSize = maxMapSize;
        this.sketch = sketch;
    }

    /** Reads a sketch written by {@link #toBytes()}. */
    public static FrequentItemsSketch fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            ItemsSketch<String> s = ItemsSketch.getInstance(Memory.wrap(bytes), SERDE);
            return new FrequentItemsSketch(checkMaxMapSize(1 << (bytes[3] & 0xff)), s);
        } catch (RuntimeException e) { // SketchesException, or the memory layer's bounds checks
            throw new IllegalArgumentException(
                    "not a serialized FrequentItemsSketch: " + e.getMessage(), e);
        }
    }

    /** Counts one occurrence of {@code item}. */
    public void update(String item) {
        update(item, 1);
    }

    /** Counts {@code count} (≥ 0) occurrences of {@code item}. */
    public void update(String item, long count) {
        Objects.requireNonNull(item, "item");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        sketch.update(item, count);
    }

    /**
     * Adds the counts of {@code other} to this sketch. Both must have the same {@code maxMapSize}.
     *
     * @return this sketch
     */
    public FrequentItemsSketch merge(FrequentItemsSketch other) {
        Objects.requireNonNull(other, "other");
        if (other.maxMapSize != maxMapSize) {
            throw new IllegalArgumentException(
                    "cannot merge FrequentItemsSketches with different maxMapSize: "
                            + maxMapSize
                            + " and "
                            + other.maxMapSize);
        }
        // merging a sketch into itself would iterate the table it is updating
        sketch.merge(other == this ? copy().sketch : other.sketch);
        return this;
    }

    /**
     * The {@code k} items with the highest estimates, sorted by estimate descending, then item
     * ascending (a deterministic tie-break). Every tracked item is a candidate; items whose true
     * count exceeds {@link #maximumError()} are never missing.
     */
    public List<ItemEstimate> topK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, was " + k);
        }
        List<ItemEstimate> all = new ArrayList<>();
        for (ItemsSketch.Row<String> row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            all.add(
                    new ItemEstimate(
                            row.getItem(),
                            row.getEstimate(),
                            row.getLowerBound(),
                            row.getUpperBound()));
        }
        all.sort(TOP_ORDER);
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /** The estimate of one item's count (0 if not tracked). */
    public long estimate(String item) {
        return sketch.getEstimate(item);
    }

    /** The largest possible error of any count; 0 means the sketch is exact. */
    public long maximumError() {
        return sketch.getMaximumError();
    }

    /** The sum of all counts added. */
    public long streamLength() {
        return sketch.getStreamLength();
    }

    /** The number of items currently tracked. */
    public int numActiveItems() {
        return sketch.getNumActiveItems();
    }

    public int maxMapSize() {
        return maxMapSize;
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /**
     * The serialized form: DataSketches' image with its entries sorted by item. Canonical while
     * {@link #maximumError()} is 0; see the class comment.
     */
    public byte[] toBytes() {
        byte[] image = sketch.toByteArray(SERDE);
        if (sketch.isEmpty()) {
            return image;
        }
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int preBytes = (image[0] & 0x3f) * Long.BYTES;
        int n = b.getInt(Long.BYTES); // active items, low half of the second preamble long
        int itemsStart = preBytes + n * Long.BYTES;
        String[] items =
                SERDE.deserializeFromMemory(
                        Memory.wrap(image).region(itemsStart, image.length - itemsStart), 0, n);
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            counts[i] = b.getLong(preBytes + i * Long.BYTES);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> items[i]));
        String[] sortedItems = new String[n];
        for (int i = 0; i < n; i++) {
            b.putLong(preBytes + i * Long.BYTES, counts[order[i]]);
            sortedItems[i] = items[order[i]];
        }
        byte[] itemBytes = SERDE.serializeToByteArray(sortedItems);
        System.arraycopy(itemBytes, 0, image, itemsStart, itemBytes.length);
        return image;
    }

    /** A deep copy. */
    public FrequentItemsSketch copy() {
        return fromBytes(toBytes());
    }

    @Override
    public String toString() {
        return "FrequentItemsSketch{maxMapSize="
                + maxMapSize
                + ", activeItems="
                + numActiveItems()
                + ", streamLength="
                + streamLength()
                + ", maximumError="
                + maximumError()
                + "}";
    }

    private static int checkMaxMapSize(int maxMapSize) {
        if (Integer.bitCount(maxMapSize) != 1
                || maxMapSize < MIN_MAX_MAP_SIZE
                || maxMapSize > MAX_MAX_MAP_SIZE) {
            throw new IllegalArgumentException(
                    "maxMapSize must be a power of two in [8, 2^26], was " + maxMapSize);
        }
        return maxMapSize;
    }
}
