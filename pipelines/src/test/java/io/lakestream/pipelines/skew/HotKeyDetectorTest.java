package io.lakestream.pipelines.skew;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HotKeyDetectorTest {

    /**
     * A stream like the generator's: one user with 10 % of the records, 20,000 others. At
     * parallelism 8 the threshold is 1/32 of the records: the hot user is flagged, and no user the
     * exact counts put below half the threshold is.
     */
    @Test
    void flagsTheKeysAboveTheThresholdAndNoColdOne() {
        HotKeyDetector detector = new HotKeyDetector(8);
        Random rnd = new Random(7);
        Map<String, Long> counts = new HashMap<>();
        Set<String> flagged = new HashSet<>();
        long n = 200_000;
        for (long i = 0; i < n; i++) {
            String user = rnd.nextDouble() < 0.1 ? "u0" : "u" + (1 + rnd.nextInt(20_000));
            counts.merge(user, 1L, Long::sum);
            if (detector.observe(user) != HotKeyDetector.Heat.COLD) {
                flagged.add(user);
            }
        }
        assertThat(flagged).contains("u0");
        for (String user : flagged) {
            assertThat(counts.get(user))
                    .as(user)
                    .isGreaterThan((long) (n * detector.threshold() / 2));
        }
        assertThat(detector.threshold()).isEqualTo(1.0 / 32);
    }

    @Test
    void nothingIsFlaggedDuringTheWarmUpThenAKeyOnceHotStaysHot() {
        HotKeyDetector detector = new HotKeyDetector(2);
        for (long i = 1; i < HotKeyDetector.WARM_UP; i++) {
            assertThat(detector.observe("only")).isEqualTo(HotKeyDetector.Heat.COLD);
        }
        assertThat(detector.observe("only")).isEqualTo(HotKeyDetector.Heat.NEWLY_HOT);
        for (int i = 0; i < 100_000; i++) {
            detector.observe("k" + i); // "only" falls far below the threshold
        }
        assertThat(detector.observe("only")).isEqualTo(HotKeyDetector.Heat.HOT);
    }

    @Test
    void aUniformStreamHasNoHotKey() {
        HotKeyDetector detector = new HotKeyDetector(16);
        for (int i = 0; i < 100_000; i++) {
            assertThat(detector.observe("u" + (i % 5_000))).isEqualTo(HotKeyDetector.Heat.COLD);
        }
    }
}
