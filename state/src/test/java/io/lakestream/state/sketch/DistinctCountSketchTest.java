package io.lakestream.state.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistinctCountSketchTest {

    private static final int MODE_BYTE = 7;

    /** Distinct ids, each appearing 1..3 times, in a fixed order. */
    private static List<String> multiset(int distinct, long seed) {
        Random r = new Random(seed);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            int copies = 1 + r.nextInt(3);
            for (int c = 0; c < copies; c++) {
                items.add("user-" + i);
            }
        }
        return items;
    }

    private static DistinctCountSketch of(List<String> items) {
        DistinctCountSketch s = new DistinctCountSketch();
        items.forEach(s::update);
        return s;
    }

    /**
     * Splits {@code items} into 1..8 partial sketches at random and merges them in random order.
     */
    private static DistinctCountSketch splitAndMerge(List<String> items, Random r) {
        int parts = 1 + r.nextInt(8);
        List<DistinctCountSketch> partials = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            partials.add(new DistinctCountSketch());
        }
        for (String item : items) {
            partials.get(r.nextInt(parts)).update(item);
        }
        // some partials pass through their serialized form, as after a checkpoint restore
        for (int p = 0; p < parts; p++) {
            if (r.nextBoolean()) {
                partials.set(p, DistinctCountSketch.fromBytes(partials.get(p).toBytes()));
            }
        }
        // merge pairwise in random order until one is left (a random merge tree)
        while (partials.size() > 1) {
            DistinctCountSketch a = partials.remove(r.nextInt(partials.size()));
            DistinctCountSketch b = partials.remove(r.nextInt(partials.size()));
            partials.add(a.merge(b));
        }
        return partials.get(0);
    }

    @ParameterizedTest(name = "{0} distinct")
    @ValueSource(ints = {1, 7, 8, 10, 1000, 1535, 1536, 1537, 3000, 100_000})
    void bytesAndEstimateAreCanonicalAcrossOrdersDuplicatesAndSplits(int distinct) {
        List<String> items = multiset(distinct, distinct);
        DistinctCountSketch reference = of(items);
        byte[] expected = reference.toBytes();
        long expectedEstimate = reference.estimate();

        Random r = new Random(42L + distinct);
        for (int round = 0; round < 6; round++) {
            List<String> shuffled = new ArrayList<>(items);
            Collections.shuffle(shuffled, r);

            DistinctCountSketch direct = of(shuffled);
            assertThat(direct.toBytes()).as("permutation %d", round).isEqualTo(expected);
            assertThat(direct.estimate()).isEqualTo(expectedEstimate);

            DistinctCountSketch merged = splitAndMerge(shuffled, r);
            assertThat(merged.toBytes()).as("split/merge %d", round).isEqualTo(expected);
            assertThat(merged.estimate()).isEqualTo(expectedEstimate);
            assertThat(merged.lowerBound(2)).isEqualTo(reference.lowerBound(2));
            assertThat(merged.upperBound(2)).isEqualTo(reference.upperBound(2));
            assertThat(merged).isEqualTo(reference).hasSameHashCodeAs(reference);
        }
        // idempotent: reading the canonical form and writing it again changes nothing
        assertThat(DistinctCountSketch.fromBytes(expected).toBytes()).isEqualTo(expected);
    }

    @Test
    void sizesUnderTestCoverListSetAndHllModes() {
        // mode byte, low two bits: 0 LIST, 1 SET, 2 HLL
        assertThat(of(multiset(7, 1)).toBytes()[MODE_BYTE] & 3).isEqualTo(0);
        assertThat(of(multiset(10, 1)).toBytes()[MODE_BYTE] & 3).isEqualTo(1);
        assertThat(of(multiset(1000, 1)).toBytes()[MODE_BYTE] & 3).isEqualTo(1);
        assertThat(of(multiset(100_000, 1)).toBytes()[MODE_BYTE] & 3).isEqualTo(2);
    }

    @Test
    void theLibrarysOwnImageIsNotCanonicalWhichIsWhyWeNormalise() {
        List<String> items = multiset(100_000, 7);
        HllSketch inOrder = new HllSketch(14, TgtHllType.HLL_8);
        items.forEach(inOrder::update);
        List<String> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(7));
        HllSketch other = new HllSketch(14, TgtHllType.HLL_8);
        shuffled.forEach(other::update);
        // the HIP accumulator differs with the order of the updates
        assertThat(other.toCompactByteArray()).isNotEqualTo(inOrder.toCompactByteArray());
        assertThat(of(shuffled).toBytes()).isEqualTo(of(items).toBytes());
    }

    @Test
    void estimateIsTheLibrarysCompositeEstimateOfTheUnion() {
        List<String> items = multiset(100_000, 3);
        Union union = new Union(14);
        HllSketch a = new HllSketch(14, TgtHllType.HLL_8);
        HllSketch b = new HllSketch(14, TgtHllType.HLL_8);
        for (int i = 0; i < items.size(); i++) {
            (i % 2 == 0 ? a : b).update(items.get(i));
        }
        union.update(a);
        union.update(b);
        assertThat(of(items).estimate())
                .isEqualTo(Math.round(union.getResult().getCompositeEstimate()));
    }

    @Test
    void oneMillionDistinctIdsAreEstimatedWithinTwoPercentAndSerializeTo16KiB() {
        int n = 1_000_000;
        DistinctCountSketch s = new DistinctCountSketch();
        for (int i = 0; i < n; i++) {
            s.update("user-" + i);
        }
        double error = Math.abs(s.estimate() - n) / (double) n;
        System.out.printf(
                "HLL lgK=14: 1M distinct -> estimate %d (error %.3f %%, RSE %.3f %%),"
                        + " %d bytes serialized%n",
                s.estimate(), 100 * error, 100 * s.relativeStandardError(), s.toBytes().length);
        assertThat(error).isLessThanOrEqualTo(0.02);
        assertThat(s.toBytes()).hasSize(40 + (1 << 14));
        assertThat(s.lowerBound(2)).isLessThanOrEqualTo(s.estimate());
        assertThat(s.upperBound(2)).isGreaterThanOrEqualTo(s.estimate());
    }

    @Test
    void estimatesAcrossSeedsStayWithinThreeStandardErrors() {
        int n = 200_000;
        double rse = DistinctCountSketch.relativeStandardError(DistinctCountSketch.DEFAULT_LG_K);
        assertThat(rse).isCloseTo(0.008125, within(1e-9));
        for (int seed = 1; seed <= 8; seed++) {
            DistinctCountSketch s = new DistinctCountSketch();
            for (int i = 0; i < n; i++) {
                s.update("run" + seed + "-user-" + i);
            }
            double relError = Math.abs(s.estimate() - n) / (double) n;
            assertThat(relError).as("seed %d", seed).isLessThanOrEqualTo(3 * rse);
        }
    }

    @Test
    void smallCountsAreExact() {
        assertThat(new DistinctCountSketch().estimate()).isZero();
        assertThat(of(multiset(10, 5)).estimate()).isEqualTo(10);
        assertThat(of(multiset(1000, 5)).estimate()).isBetween(995L, 1005L);
    }

    @Test
    void emptyAndNullInputsAreIgnored() {
        DistinctCountSketch s = new DistinctCountSketch();
        s.update("");
        s.update(null);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.toBytes()).isEqualTo(new DistinctCountSketch().toBytes());
        assertThat(DistinctCountSketch.fromBytes(s.toBytes()).isEmpty()).isTrue();
    }

    @Test
    void mergingDifferentLgKIsRefused() {
        assertThatThrownBy(() -> new DistinctCountSketch(12).merge(new DistinctCountSketch(14)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different lgK: 12 and 14");
        assertThatThrownBy(() -> new DistinctCountSketch(3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DistinctCountSketch.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selfMergeIsIdempotent() {
        DistinctCountSketch s = of(multiset(5000, 9));
        byte[] before = s.toBytes();
        assertThat(s.merge(s).toBytes()).isEqualTo(before);
    }

    @Test
    void copyIsIndependent() {
        DistinctCountSketch s = of(multiset(100, 2));
        byte[] before = s.toBytes();
        DistinctCountSketch c = s.copy();
        for (int i = 0; i < 10_000; i++) {
            c.update("other-" + i);
        }
        assertThat(s.toBytes()).isEqualTo(before);
        assertThat(c.estimate()).isGreaterThan(s.estimate());
    }

    @ParameterizedTest(name = "restored after {0} updates")
    @ValueSource(ints = {5, 500, 20_000})
    void updatingAfterARestoreGivesTheSameBytesAsNeverRestoring(int restoreAt) {
        List<String> items = multiset(20_000, 11);
        DistinctCountSketch straight = of(items);
        DistinctCountSketch first = of(items.subList(0, restoreAt));
        DistinctCountSketch restored = DistinctCountSketch.fromBytes(first.toBytes());
        items.subList(restoreAt, items.size()).forEach(restored::update);
        assertThat(restored.toBytes()).isEqualTo(straight.toBytes());
        assertThat(restored.estimate()).isEqualTo(straight.estimate());
    }
}
