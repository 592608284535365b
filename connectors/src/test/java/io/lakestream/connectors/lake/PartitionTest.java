package io.lakestream.connectors.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PartitionTest {

    @Test
    void placesInstantsInTheirUtcHourAndDate() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long millis = r.nextLong(-100_000_000_000L, 4_000_000_000_000L);
            ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
            Partition hourly = Partition.of(PartitionScheme.DATE_HOUR, millis);
            assertThat(hourly.path())
                    .isEqualTo(String.format("date=%s/hour=%02d", t.toLocalDate(), t.getHour()));
            assertThat(hourly.startMillis()).isLessThanOrEqualTo(millis);
            assertThat(hourly.endMillis()).isGreaterThan(millis);
            Partition daily = Partition.of(PartitionScheme.DATE, millis);
            assertThat(daily.path()).isEqualTo("date=" + t.toLocalDate());
            assertThat(daily.endMillis() - daily.startMillis()).isEqualTo(86_400_000L);
        }
    }

    @Test
    void parsesWhatItPrints() {
        Partition h = Partition.hourly(LocalDate.of(2026, 11, 20), 7);
        assertThat(Partition.parse(h.path())).isEqualTo(h);
        Partition d = Partition.daily(LocalDate.of(2026, 11, 20));
        assertThat(Partition.parse("date=2026-11-20")).isEqualTo(d);
        assertThat(h.compareTo(d)).isPositive();
        assertThatThrownBy(() -> Partition.parse("dt=2026-11-20"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Partition.hourly(LocalDate.of(2026, 1, 1), 24))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
