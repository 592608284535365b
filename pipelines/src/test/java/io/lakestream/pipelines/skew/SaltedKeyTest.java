package io.lakestream.pipelines.skew;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SaltedKeyTest {

    @Test
    void aSubKeyGivesBackItsKeyAndSaltForAnyKey() {
        for (String key : new String[] {"u0", "3:u0", "", "a:b:c", "ü"}) {
            for (int salt : new int[] {0, 7, SaltedKey.SALTS - 1}) {
                String sub = SaltedKey.of(key, salt);
                assertThat(SaltedKey.keyOf(sub)).isEqualTo(key);
                assertThat(SaltedKey.saltOf(sub)).isEqualTo(salt);
            }
        }
        // "3:u0" cold and "u0" salted 3 are different sub-keys
        assertThat(SaltedKey.of("3:u0", 0)).isNotEqualTo(SaltedKey.of("u0", 3));
    }

    /** Sequential ids (as the generator's) fill every salt about evenly. */
    @Test
    void sequentialIdsSpreadOverAllSalts() {
        int[] perSalt = new int[SaltedKey.SALTS];
        int n = 128_000;
        IntStream.range(0, n).forEach(i -> perSalt[SaltedKey.salt("e-run-" + i)]++);
        int mean = n / SaltedKey.SALTS;
        assertThat(IntStream.of(perSalt).min().getAsInt()).isGreaterThan(mean * 8 / 10);
        assertThat(IntStream.of(perSalt).max().getAsInt()).isLessThan(mean * 12 / 10);
    }
}
