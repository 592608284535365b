package io.lakestream.pipelines.skew;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubtaskLoadTest {

    @Test
    void countsAddUpPerStageAndSubtaskAndOtherAccumulatorsAreIgnored() {
        Map<String, long[]> loads =
                SubtaskLoad.of(
                        Map.of(
                                "load|a|0", 10L,
                                "load|a|2", 30L,
                                "load|b|1", 5L,
                                "valid", 99L));
        assertThat(loads).containsOnlyKeys("a", "b");
        assertThat(loads.get("a")).containsExactly(10, 0, 30);
        assertThat(loads.get("b")).containsExactly(0, 5, 0);
        assertThat(SubtaskLoad.maxOverMean(loads.get("a"))).isEqualTo(30.0 * 3 / 40);
        assertThat(SubtaskLoad.maxOverMean(new long[] {4, 4})).isEqualTo(1.0);
        assertThat(SubtaskLoad.maxOverMean(new long[] {0, 0})).isZero();
    }
}
