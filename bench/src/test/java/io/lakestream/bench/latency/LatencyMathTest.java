package io.lakestream.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyMathTest {

    @Test
    void quantilesAreNearestRank() {
        int[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

        assertThat(LatencyWorkload.quantile(sorted, 0)).isEqualTo(10);
        assertThat(LatencyWorkload.quantile(sorted, 0.5)).isEqualTo(50);
        assertThat(LatencyWorkload.quantile(sorted, 0.9)).isEqualTo(90);
        assertThat(LatencyWorkload.quantile(sorted, 0.99)).isEqualTo(100);
        assertThat(LatencyWorkload.quantile(sorted, 1)).isEqualTo(100);
    }

    @Test
    void anEventIdGivesBackItsNumberOnlyForItsRun() {
        LiveProducer producer = new LiveProducer("localhost:9092", "t", "123");

        assertThat(producer.number(producer.id(42))).isEqualTo(42);
        assertThat(producer.number(new LiveProducer("localhost:9092", "t", "1234").id(42)))
                .isEqualTo(-1);
        assertThat(producer.number("e-abc-42")).isEqualTo(-1);
    }
}
