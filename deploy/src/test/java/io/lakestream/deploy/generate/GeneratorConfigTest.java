package io.lakestream.deploy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorConfigTest {

    @Test
    void defaults() {
        GeneratorConfig c = GeneratorConfig.builder(1000, 5).build();
        assertThat(c.users()).isEqualTo(10_000);
        assertThat(c.items()).isEqualTo(1_000);
        assertThat(c.start()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(c.days()).isEqualTo(3);
        assertThat(c.lateFraction()).isEqualTo(0.001);
        assertThat(c.duplicateFraction()).isEqualTo(0.01);
        assertThat(c.malformedFraction()).isEqualTo(0.001);
        assertThat(c.zipf()).isEqualTo(1.1);
        assertThat(c.hotUserShare()).isEqualTo(0.10);
        assertThat(c.outOfOrderBound()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.lateDelayMin()).isEqualTo(Duration.ofHours(2));
        assertThat(c.lateDelayMax()).isEqualTo(Duration.ofHours(6));
        assertThat(c.partitions()).isEqualTo(1);
        assertThat(c.endMillis() - c.startMillis()).isEqualTo(Duration.ofDays(3).toMillis());
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad(b -> b.events(0), "--events must be at least 1"),
                bad(b -> b.users(0), "--users must be at least 1"),
                bad(b -> b.items(0), "--items must be between 1 and 1000000"),
                bad(b -> b.items(2_000_000), "--items must be between"),
                bad(b -> b.days(0), "--days must be between 1"),
                bad(b -> b.start(LocalDate.of(1969, 12, 31)), "--start/--days must stay within"),
                bad(b -> b.lateFraction(-0.1), "--late-fraction must be between 0 and 1"),
                bad(b -> b.duplicateFraction(1.5), "--duplicate-fraction must be between 0 and 1"),
                bad(b -> b.malformedFraction(Double.NaN), "--malformed-fraction must be between"),
                bad(b -> b.lateFraction(0.5).duplicateFraction(0.6), "must be at most 1"),
                bad(b -> b.lateFraction(0.99), "--late-fraction must be at most 0.972"),
                bad(b -> b.zipf(-1), "--zipf must be between 0"),
                bad(b -> b.partitions(0), "--partitions must be between 1"),
                bad(b -> b.outOfOrderBound(Duration.ofHours(3)), "must exceed the out-of-order"),
                bad(b -> b.lateDelayMax(Duration.ofHours(1)), "maximum late delay"),
                bad(
                        b -> b.lateDelayMin(Duration.ofDays(3)).lateDelayMax(Duration.ofDays(4)),
                        "--days 3 is too short"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithAMessageNamingTheOption(
            UnaryOperator<GeneratorConfigBuilder> change, String message) {
        assertThatThrownBy(() -> change.apply(GeneratorConfig.builder(1000, 5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    private static Arguments bad(UnaryOperator<GeneratorConfigBuilder> change, String message) {
        return Arguments.of(change, message);
    }
}
