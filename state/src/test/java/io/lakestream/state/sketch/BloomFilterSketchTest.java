package io.lakestream.state.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.filters.bloomfilter.BloomFilterBuilder;
import org.junit.jupiter.api.Test;

class BloomFilterSketchTest {

    @Test
    void noFalseNegativesAndFalsePositivesNearTheTarget() {
        int n = 1_000_000;
        double target = 0.01;
        BloomFilterSketch f = BloomFilterSketch.forCapacity(n, target);
        for (int i = 0; i < n; i++) {
            f.put("event-" + i);
        }
        for (int i = 0; i < n; i++) {
            assertThat(f.mightContain("event-" + i)).isTrue();
        }
        int falsePositives = 0;
        for (int i = 0; i < n; i++) {
            if (f.mightContain("absent-" + i)) {
                falsePositives++;
            }
        }
        double fpp = falsePositives / (double) n;
        System.out.printf(
                "Bloom: 1M ids at target 1 %%: measured false-positive rate %.4f %%,"
                        + " %d hashes, %d bytes%n",
                100 * fpp, f.numHashes(), f.sizeBytes());
        assertThat(fpp).isLessThanOrEqualTo(2 * target);
    }

    @Test
    void sizeForTenMillionIdsAtOnePercent() {
        BloomFilterSketch f = BloomFilterSketch.forCapacity(10_000_000, 0.01);
        assertThat(f.sizeBytes()).as("empty: header only").isEqualTo(24);
        f.put("event-0");
        System.out.printf(
                "Bloom: 10M ids at 1 %%: %d bits, %d hashes, %d bytes serialized%n",
                f.capacityBits(), f.numHashes(), f.sizeBytes());
        assertThat(f.sizeBytes()).isBetween(11_000_000L, 13_000_000L);
        assertThat(f.toBytes()).hasSize((int) f.sizeBytes());
    }

    @Test
    void bytesAreIndependentOfInsertOrderAndSplits() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add("event-" + i);
            if (i % 3 == 0) {
                ids.add("event-" + i); // redelivered
            }
        }
        BloomFilterSketch reference = BloomFilterSketch.forCapacity(50_000, 0.01);
        ids.forEach(reference::put);
        byte[] expected = reference.toBytes();

        Random r = new Random(3);
        for (int round = 0; round < 4; round++) {
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, r);
            BloomFilterSketch a = BloomFilterSketch.forCapacity(50_000, 0.01);
            BloomFilterSketch b = BloomFilterSketch.forCapacity(50_000, 0.01);
            for (String id : shuffled) {
                if (r.nextBoolean()) {
                    a.put(id);
                } else {
                    b.checkAndPut(id); // the dedup path; same bits
                }
            }
            BloomFilterSketch merged = BloomFilterSketch.fromBytes(b.toBytes()).union(a);
            assertThat(merged.toBytes()).isEqualTo(expected);
            assertThat(merged.bitsUsed()).isEqualTo(reference.bitsUsed());
        }
    }

    @Test
    void checkAndPutReportsWhetherTheItemMightHaveBeenPresent() {
        BloomFilterSketch f = BloomFilterSketch.forCapacity(1000, 0.001);
        assertThat(f.checkAndPut("e-1")).isFalse();
        assertThat(f.checkAndPut("e-1")).isTrue();
        assertThat(f.mightContain("e-1")).isTrue();
        assertThat(f.isEmpty()).isFalse();
    }

    @Test
    void unionOfDifferentShapesIsRefusedWithOneClearMessage() {
        BloomFilterSketch small = BloomFilterSketch.forCapacity(1000, 0.01);
        BloomFilterSketch large = BloomFilterSketch.forCapacity(100_000, 0.01);
        assertThatThrownBy(() -> small.union(large))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different shape")
                .hasMessageContaining("same forCapacity");
    }

    @Test
    void invalidInputsAreRefused() {
        BloomFilterSketch f = BloomFilterSketch.forCapacity(1000, 0.01);
        assertThatThrownBy(() -> f.put("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.mightContain(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BloomFilterSketch.forCapacity(0, 0.01))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BloomFilterSketch.forCapacity(10, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] foreign = BloomFilterBuilder.createByAccuracy(1000, 0.01, 7L).toByteArray();
        assertThatThrownBy(() -> BloomFilterSketch.fromBytes(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed");
    }

    @Test
    void anEmptyFilterKeepsItsShapeThroughSerialization() {
        BloomFilterSketch empty = BloomFilterSketch.forCapacity(5000, 0.01);
        BloomFilterSketch back = BloomFilterSketch.fromBytes(empty.toBytes());
        assertThat(back.isEmpty()).isTrue();
        assertThat(back.capacityBits()).isEqualTo(empty.capacityBits());
        assertThat(back.numHashes()).isEqualTo(empty.numHashes());
        back.put("x");
        assertThat(back.mightContain("x")).isTrue();
        // still compatible with a filter created directly
        assertThat(BloomFilterSketch.forCapacity(5000, 0.01).union(back).mightContain("x"))
                .isTrue();
    }

    @Test
    void copyIsIndependent() {
        BloomFilterSketch f = BloomFilterSketch.forCapacity(1000, 0.01);
        f.put("a");
        byte[] before = f.toBytes();
        BloomFilterSketch c = f.copy();
        c.put("b");
        assertThat(f.toBytes()).isEqualTo(before);
        assertThat(c.mightContain("b")).isTrue();
    }
}
