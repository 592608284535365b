package io.lakestream.state.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.junit.jupiter.api.Test;

class FrequentItemsSketchTest {

    /** {@code updates} draws from a Zipf({@code s}) distribution over {@code items} ranks. */
    static List<String> zipf(int items, double s, int updates, long seed) {
        double[] cdf = new double[items];
        double sum = 0;
        for (int r = 1; r <= items; r++) {
            sum += 1 / Math.pow(r, s);
            cdf[r - 1] = sum;
        }
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(updates);
        for (int i = 0; i < updates; i++) {
            int idx = Arrays.binarySearch(cdf, random.nextDouble() * sum);
            out.add("item-" + (idx < 0 ? -idx - 1 : idx));
        }
        return out;
    }

    private static Map<String, Long> counts(List<String> stream) {
        return stream.stream().collect(Collectors.groupingBy(x -> x, Collectors.counting()));
    }

    @Test
    void anExactSketchHasCanonicalBytesAcrossOrdersAndSplits() {
        List<String> stream = zipf(3000, 1.1, 50_000, 1);
        Map<String, Long> truth = counts(stream);
        FrequentItemsSketch reference = new FrequentItemsSketch();
        stream.forEach(reference::update);
        byte[] expected = reference.toBytes();
        assertThat(reference.maximumError()).isZero();

        ArrayOfStringsSerDe serDe = new ArrayOfStringsSerDe();
        ItemsSketch<String> rawReference = new ItemsSketch<>(1 << 15);
        stream.forEach(rawReference::update);
        int rawDiffers = 0;

        Random r = new Random(5);
        for (int round = 0; round < 6; round++) {
            List<String> shuffled = new ArrayList<>(stream);
            Collections.shuffle(shuffled, r);
            int parts = 1 + r.nextInt(6);
            List<FrequentItemsSketch> partials = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                partials.add(new FrequentItemsSketch());
            }
            for (String item : shuffled) {
                partials.get(r.nextInt(parts)).update(item);
            }
            Collections.shuffle(partials, r);
            FrequentItemsSketch merged = FrequentItemsSketch.fromBytes(partials.get(0).toBytes());
            partials.subList(1, parts).forEach(merged::merge);
            assertThat(merged.toBytes()).as("round %d", round).isEqualTo(expected);
            assertThat(merged.topK(50)).isEqualTo(reference.topK(50));
            assertThat(merged.streamLength()).isEqualTo(stream.size());

            ItemsSketch<String> raw = new ItemsSketch<>(1 << 15);
            shuffled.forEach(raw::update);
            if (!Arrays.equals(raw.toByteArray(serDe), rawReference.toByteArray(serDe))) {
                rawDiffers++;
            }
        }
        // the library's own table order depends on the insertion order: hence the sorting
        assertThat(rawDiffers).isPositive();
        // exact: every count is the true count
        for (ItemEstimate e : reference.topK(Integer.MAX_VALUE)) {
            assertThat(e.estimate()).isEqualTo(truth.get(e.item()));
            assertThat(e.lowerBound()).isEqualTo(e.upperBound()).isEqualTo(e.estimate());
        }
        assertThat(reference.topK(Integer.MAX_VALUE)).hasSize(truth.size());
        assertThat(FrequentItemsSketch.fromBytes(expected).toBytes()).isEqualTo(expected);
    }

    @Test
    void weightedUpdatesEqualRepeatedUpdates() {
        FrequentItemsSketch ones = new FrequentItemsSketch(64);
        FrequentItemsSketch weighted = new FrequentItemsSketch(64);
        for (int i = 0; i < 40; i++) {
            for (int c = 0; c <= i % 5; c++) {
                ones.update("k" + i);
            }
            weighted.update("k" + i, 1 + i % 5);
        }
        weighted.update("k0", 0);
        assertThat(weighted.toBytes()).isEqualTo(ones.toBytes());
        assertThatThrownBy(() -> weighted.update("k", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topKBreaksTiesByItem() {
        FrequentItemsSketch s = new FrequentItemsSketch();
        s.update("b", 5);
        s.update("a", 5);
        s.update("c", 9);
        s.update("d", 1);
        assertThat(s.topK(3)).extracting(ItemEstimate::item).containsExactly("c", "a", "b");
        assertThat(s.topK(0)).isEmpty();
        assertThat(s.topK(10)).hasSize(4);
    }

    @Test
    void zipfTopHundredRecallWithASmallPurgingSketch() {
        List<String> stream = zipf(100_000, 1.1, 200_000, 2026);
        Map<String, Long> truth = counts(stream);
        FrequentItemsSketch s = new FrequentItemsSketch(2048);
        stream.forEach(s::update);
        assertThat(s.maximumError()).as("the sketch has purged").isPositive();

        List<String> trueTop =
                truth.entrySet().stream()
                        .sorted(
                                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                        .thenComparing(Map.Entry.comparingByKey()))
                        .limit(100)
                        .map(Map.Entry::getKey)
                        .toList();
        List<ItemEstimate> top = s.topK(100);
        Set<String> found = top.stream().map(ItemEstimate::item).collect(Collectors.toSet());
        long hits = trueTop.stream().filter(found::contains).count();
        double recall = hits / 100.0;
        System.out.printf(
                "Frequent items: Zipf(1.1), 100k items, 200k updates, maxMapSize 2048:"
                        + " top-100 recall %.2f, maximumError %d, %d bytes serialized%n",
                recall, s.maximumError(), s.toBytes().length);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);

        // the guarantees: bounds hold, and every item above maximumError is tracked
        Set<String> tracked = new HashSet<>();
        for (ItemEstimate e : s.topK(Integer.MAX_VALUE)) {
            tracked.add(e.item());
            long t = truth.get(e.item());
            assertThat(t).isBetween(e.lowerBound(), e.upperBound());
        }
        truth.forEach(
                (item, count) -> {
                    if (count > s.maximumError()) {
                        assertThat(tracked).contains(item);
                    }
                });
    }

    @Test
    void serializedSizeAtTheDefaultMapSize() {
        // a full table that is still exact: 0.75 * 2^15 distinct items
        FrequentItemsSketch full = new FrequentItemsSketch();
        for (int i = 0; i < 24_576; i++) {
            full.update("item-" + i, 1 + i % 100);
        }
        assertThat(full.maximumError()).isZero();
        // past capacity: it purges and keeps fewer counters
        FrequentItemsSketch purged = new FrequentItemsSketch();
        zipf(200_000, 1.1, 400_000, 3).forEach(purged::update);
        assertThat(purged.maximumError()).isPositive();
        System.out.printf(
                "Frequent items, maxMapSize 2^15: exact and full (24,576 items) %d bytes;"
                        + " after purging (%d items, maximumError %d) %d bytes%n",
                full.toBytes().length,
                purged.numActiveItems(),
                purged.maximumError(),
                purged.toBytes().length);
        assertThat(purged.numActiveItems()).isLessThanOrEqualTo(24_576);
    }

    @Test
    void mergingDifferentMapSizesIsRefusedAndSelfMergeDoublesCounts() {
        assertThatThrownBy(() -> new FrequentItemsSketch(64).merge(new FrequentItemsSketch(128)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different maxMapSize: 64 and 128");
        assertThatThrownBy(() -> new FrequentItemsSketch(100))
                .isInstanceOf(IllegalArgumentException.class);
        FrequentItemsSketch s = new FrequentItemsSketch();
        s.update("x", 3);
        s.update("y", 1);
        s.merge(s);
        assertThat(s.estimate("x")).isEqualTo(6);
        assertThat(s.streamLength()).isEqualTo(8);
    }

    @Test
    void emptyRoundTripAndCopyIndependence() {
        FrequentItemsSketch empty = new FrequentItemsSketch(256);
        FrequentItemsSketch back = FrequentItemsSketch.fromBytes(empty.toBytes());
        assertThat(back.isEmpty()).isTrue();
        assertThat(back.maxMapSize()).isEqualTo(256);

        FrequentItemsSketch s = new FrequentItemsSketch();
        s.update("a", 2);
        byte[] before = s.toBytes();
        FrequentItemsSketch c = s.copy();
        c.update("a");
        c.update("b");
        assertThat(s.toBytes()).isEqualTo(before);
        assertThat(c.estimate("a")).isEqualTo(3);
        assertThat(new HashMap<>(Map.of("a", s.estimate("a")))).containsEntry("a", 2L);
    }
}
