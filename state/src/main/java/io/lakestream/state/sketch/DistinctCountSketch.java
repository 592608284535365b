package io.lakestream.state.sketch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * A mergeable count of distinct strings (HyperLogLog, Apache DataSketches {@code HllSketch}), whose
 * serialized form is canonical: the same multiset of inputs gives byte-identical {@link #toBytes()}
 * and the same {@link #estimate()} whatever the order of the updates, the duplicates, or how the
 * input was split into partial sketches and merged. A stream run and a backfill therefore write
 * identical {@code dau_hll} values, and {@code lakestream verify} can compare partitions exactly.
 *
 * <h2>Why DataSketches alone is not canonical, and what this class does</h2>
 *
 * <p>The state of an HLL sketch is, mathematically, a function of the set of inputs: while few
 * distinct items were seen, the set of 32-bit "coupons" (register index + value, modes LIST and
 * SET); afterwards the array of {@code 2^lgK} registers, each the maximum over the coupons mapping
 * to it (mode HLL). The mode switches depend only on the number of distinct coupons. But the
 * library's serialized image also carries history: coupons in insertion or hash-table order, the
 * HIP accumulator (an estimator that is only valid for one in-order stream and differs between
 * orders), an "out of order" flag, and register statistics that a merge may leave stale. {@link
 * #toBytes()} therefore normalises the library's compact image, keeping its documented format (so
 * DataSketches readers in any language can read it):
 *
 * <ul>
 *   <li>LIST/SET: coupons sorted ascending, flags fixed, the SET array size taken from a rebuild;
 *   <li>HLL: registers as they are; {@code curMin}, {@code numAtCurMin}, {@code kxq0/kxq1}
 *       recomputed from the registers in index order; out-of-order flag set and HIP accumulator 0,
 *       so every estimate comes from the registers (the "composite" estimator, relative standard
 *       error {@code 1.04 / sqrt(2^lgK)}) rather than from order-dependent history.
 * </ul>
 *
 * {@link #estimate()} and the bounds are computed from that canonical image, so two runs report the
 * same number. The sketch is always kept as {@code HLL_8} (one byte per register): the fastest to
 * update and merge, and free of the exception table that {@code HLL_4} needs.
 *
 * <h2>Size</h2>
 *
 * At the default lgK = 14 (relative standard error 0.81 %), a sketch holding more than about 1,536
 * distinct items serializes to 40 + 16,384 = 16,424 bytes, measured at 1M distinct ids (see {@code
 * DistinctCountSketchTest}); below that it is an 8- or 12-byte header plus 4 bytes per distinct
 * coupon (about one per distinct item).
 *
 * <p>Null and empty strings are ignored, as DataSketches does. Not thread-safe.
 */
public final class DistinctCountSketch {

    /** 2^14 registers: relative standard error 1.04 / 128 ≈ 0.81 %. */
    public static final int DEFAULT_LG_K = 14;

    public static final int MIN_LG_K = 4;
    public static final int MAX_LG_K = 21;

    // offsets of the DataSketches HLL preamble (PreambleUtil, serialization version 1)
    private static final int LG_ARR_BYTE = 4;
    private static final int FLAGS_BYTE = 5;
    private static final int LIST_COUNT_BYTE = 6;
    private static final int CUR_MIN_BYTE = 6;
    private static final int MODE_BYTE = 7;
    private static final int LIST_START = 8;
    private static final int HASH_SET_COUNT_INT = 8;
    private static final int HASH_SET_START = 12;
    private static final int HIP_ACCUM_DOUBLE = 8;
    private static final int KXQ0_DOUBLE = 16;
    private static final int KXQ1_DOUBLE = 24;
    private static final int NUM_AT_CUR_MIN_INT = 32;
    private static final int AUX_COUNT_INT = 36;
    private static final int HLL_START = 40;
    private static final int COMPACT_FLAG = 8;
    private static final int OUT_OF_ORDER_FLAG = 16;
    private static final int MODE_LIST = 0;
    private static final int MODE_SET = 1;
    private static final int MODE_HLL = 2;

    private final int lgK;
    private HllSketch sketch; // always HLL_8, on the heap
    private byte[] canonical; // cache of toBytes(); null when stale
    private HllSketch canonicalView; // heapified canonical image; null when stale

    /** An empty sketch with {@link #DEFAULT_LG_K}. */
    public DistinctCountSketch() {
        this(DEFAULT_LG_K);
    }

    /**
     * An empty sketch with {@code 2^lgK} registers, {@value #MIN_LG_K} ≤ lgK ≤ {@value #MAX_LG_K}.
     */
    public DistinctCountSketch(int lgK) {
        this(checkLgK(lgK), new HllSketch(lgK, TgtHllType.HLL_8));
    }

    private DistinctCountSketch(int lgK, HllSketch sketch) {
        this.lgK = lgK;
        this.sketch = sketch;
    }

    /** Reads a sketch written by {@link #toBytes()} (or any DataSketches HLL image). */
    public static DistinctCountSketch fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        HllSketch s;
        try {
            s = HllSketch.heapify(Memory.wrap(bytes));
        } catch (RuntimeException e) { // SketchesException, or the memory layer's bounds checks
            throw new IllegalArgumentException(
                    "not a serialized DistinctCountSketch (HLL): " + e.getMessage(), e);
        }
        if (s.getTgtHllType() != TgtHllType.HLL_8) {
            s = s.copyAs(TgtHllType.HLL_8);
        }
        return new DistinctCountSketch(checkLgK(s.getLgConfigK()), s);
    }

    /** Adds one item; null and empty strings are ignored. */
    public void update(String item) {
        sketch.update(item);
        invalidate();
    }

    /**
     * Adds every item of {@code other} to this sketch (a set union). Both must have the same lgK:
     * DataSketches could fold the larger one down, but a silent loss of accuracy would hide a
     * configuration mismatch.
     *
     * @return this sketch
     */
    public DistinctCountSketch merge(DistinctCountSketch other) {
        Objects.requireNonNull(other, "other");
        if (other.lgK != lgK) {
            throw new IllegalArgumentException(
                    "cannot merge DistinctCountSketches with different lgK: "
                            + lgK
                            + " and "
                            + other.lgK);
        }
        Union union = new Union(lgK);
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(TgtHllType.HLL_8);
        invalidate();
        return this;
    }

    /** The estimated number of distinct items, rounded, computed from the canonical form. */
    public long estimate() {
        return Math.round(view().getEstimate());
    }

    /**
     * A lower bound of the distinct count at {@code numStdDev} (1, 2 or 3) standard deviations,
     * computed from the canonical form.
     */
    public double lowerBound(int numStdDev) {
        checkNumStdDev(numStdDev);
        return view().getLowerBound(numStdDev);
    }

    /** The upper bound matching {@link #lowerBound(int)}. */
    public double upperBound(int numStdDev) {
        checkNumStdDev(numStdDev);
        return view().getUpperBound(numStdDev);
    }

    /** The theoretical relative standard error of the estimate, {@code 1.04 / sqrt(2^lgK)}. */
    public double relativeStandardError() {
        return relativeStandardError(lgK);
    }

    /** The theoretical relative standard error for {@code lgK}: {@code 1.04 / sqrt(2^lgK)}. */
    public static double relativeStandardError(int lgK) {
        return 1.04 / Math.sqrt(1L << checkLgK(lgK));
    }

    public int lgK() {
        return lgK;
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /**
     * The canonical serialized form (a DataSketches compact HLL_8 image); see the class comment.
     */
    public byte[] toBytes() {
        return canonical().clone();
    }

    /** A deep copy. */
    public DistinctCountSketch copy() {
        DistinctCountSketch c = new DistinctCountSketch(lgK, sketch.copy());
        c.canonical = canonical;
        c.canonicalView = canonicalView == null ? null : canonicalView.copy();
        return c;
    }

    /** Equal when the canonical forms are equal, i.e. when built from the same set of items. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DistinctCountSketch other
                && lgK == other.lgK
                && Arrays.equals(canonical(), other.canonical());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical());
    }

    @Override
    public String toString() {
        return "DistinctCountSketch{lgK=" + lgK + ", estimate=" + estimate() + "}";
    }

    private void invalidate() {
        canonical = null;
        canonicalView = null;
    }

    private byte[] canonical() {
        if (canonical == null) {
            canonical = canonicalize(sketch, lgK);
        }
        return canonical;
    }

    private HllSketch view() {
        if (canonicalView == null) {
            canonicalView = HllSketch.heapify(Memory.wrap(canonical()));
        }
        return canonicalView;
    }

    static byte[] canonicalize(HllSketch s, int lgK) {
        if (s.isEmpty()) {
            return new HllSketch(lgK, TgtHllType.HLL_8).toCompactByteArray();
        }
        byte[] image = s.toCompactByteArray();
        int mode = image[MODE_BYTE] & 3;
        if (mode == MODE_HLL) {
            return canonicalRegisters(image, lgK);
        }
        // sort, rebuild to learn the (count-determined) hash-set size, sort again
        byte[] sorted = sortedCoupons(image);
        return sortedCoupons(HllSketch.heapify(Memory.wrap(sorted)).toCompactByteArray());
    }

    private static byte[] sortedCoupons(byte[] image) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        boolean list = (image[MODE_BYTE] & 3) == MODE_LIST;
        int start = list ? LIST_START : HASH_SET_START;
        int count = list ? image[LIST_COUNT_BYTE] & 0xff : b.getInt(HASH_SET_COUNT_INT);
        int[] coupons = new int[count];
        for (int i = 0; i < count; i++) {
            coupons[i] = b.getInt(start + 4 * i);
        }
        Arrays.sort(coupons);
        for (int i = 0; i < count; i++) {
            b.putInt(start + 4 * i, coupons[i]);
        }
        image[FLAGS_BYTE] = (byte) COMPACT_FLAG;
        return image;
    }

    private static byte[] canonicalRegisters(byte[] image, int lgK) {
        int k = 1 << lgK;
        // as DataSketches' Union.checkRebuildCurMinNumKxQ; every term is a power of two, so the
        // sums are exact
        int curMin = 64;
        int numAtCurMin = 0;
        double kxq0 = k;
        double kxq1 = 0;
        for (int i = 0; i < k; i++) {
            int v = image[HLL_START + i];
            if (v > 0) {
                if (v < 32) {
                    kxq0 += Math.scalb(1.0, -v) - 1.0;
                } else {
                    kxq1 += Math.scalb(1.0, -v) - 1.0;
                }
            }
            if (v < curMin) {
                curMin = v;
                numAtCurMin = 1;
            } else if (v == curMin) {
                numAtCurMin++;
            }
        }
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        image[LG_ARR_BYTE] = 0;
        image[FLAGS_BYTE] = (byte) (COMPACT_FLAG | OUT_OF_ORDER_FLAG);
        image[CUR_MIN_BYTE] = (byte) curMin;
        b.putDouble(HIP_ACCUM_DOUBLE, 0.0);
        b.putDouble(KXQ0_DOUBLE, kxq0);
        b.putDouble(KXQ1_DOUBLE, kxq1);
        b.putInt(NUM_AT_CUR_MIN_INT, numAtCurMin);
        b.putInt(AUX_COUNT_INT, 0);
        return image;
    }

    private static int checkLgK(int lgK) {
        if (lgK < MIN_LG_K || lgK > MAX_LG_K) {
            throw new IllegalArgumentException(
                    "lgK must be in [" + MIN_LG_K + ", " + MAX_LG_K + "], was " + lgK);
        }
        return lgK;
    }

    private static void checkNumStdDev(int numStdDev) {
        if (numStdDev < 1 || numStdDev > 3) {
            throw new IllegalArgumentException("numStdDev must be 1, 2 or 3, was " + numStdDev);
        }
    }
}
