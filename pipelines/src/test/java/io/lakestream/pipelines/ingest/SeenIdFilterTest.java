package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Bloom front: a miss means new, closed dates stay closed, restores union and distrust. */
class SeenIdFilterTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    private static SeenIdFilter filter() {
        return new SeenIdFilter(10_000, 0.01, Duration.ofHours(1));
    }

    @Test
    void saysWhenADatesFilterHoldsMoreIdsThanItWasSizedFor() {
        SeenIdFilter small = new SeenIdFilter(1_000, 0.01, Duration.ofHours(1));
        SeenIdFilter large = new SeenIdFilter(100_000, 0.01, Duration.ofHours(1));
        for (int i = 0; i < SeenIdFilter.FULLNESS_CHECK_EVERY; i++) {
            small.checkAndRecord("id-" + i, DAY + 5);
            large.checkAndRecord("id-" + i, DAY + 5);
        }
        assertThat(small.datesPastSize()).containsExactly(DAY);
        assertThat(large.datesPastSize()).isEmpty();
    }

    @Test
    void aRecordedIdIsNeverReportedNew() {
        SeenIdFilter f = filter();
        for (int i = 0; i < 5_000; i++) {
            f.checkAndRecord("id-" + i, 5);
        }
        for (int i = 0; i < 5_000; i++) {
            assertThat(f.checkAndRecord("id-" + i, 5)).isEqualTo(SeenIdFilter.Lookup.MAYBE_SEEN);
        }
    }

    @Test
    void closedDatesAreCheckedAgainstStateEvenAfterARestart() {
        SeenIdFilter f = filter();
        assertThat(f.checkAndRecord("a", 5)).isEqualTo(SeenIdFilter.Lookup.NEW);
        f.rotate(DAY + Duration.ofHours(1).toMillis());
        assertThat(f.openDates()).isZero();
        assertThat(f.checkAndRecord("b", 6)).isEqualTo(SeenIdFilter.Lookup.UNTRACKED);

        // after a restore the watermark starts from nothing: the date must stay closed
        SeenIdFilter restored = filter();
        restored.restore(f.snapshot());
        assertThat(restored.checkAndRecord("a", 5)).isEqualTo(SeenIdFilter.Lookup.UNTRACKED);
    }

    @Test
    void restoredFiltersOfOneDateAreUnioned() {
        SeenIdFilter a = filter();
        SeenIdFilter b = filter();
        a.checkAndRecord("from-a", 5);
        b.checkAndRecord("from-b", 5);
        List<SeenIdFilter.DatedFilter> both = new java.util.ArrayList<>(a.snapshot());
        both.addAll(b.snapshot());
        SeenIdFilter restored = filter();
        restored.restore(both);
        assertThat(restored.checkAndRecord("from-a", 5)).isEqualTo(SeenIdFilter.Lookup.MAYBE_SEEN);
        assertThat(restored.checkAndRecord("from-b", 5)).isEqualTo(SeenIdFilter.Lookup.MAYBE_SEEN);
        assertThat(restored.openDates()).isEqualTo(1);
    }

    @Test
    void stateWithoutFiltersTurnsTheFrontOff() {
        SeenIdFilter restored = filter();
        restored.restore(List.of());
        assertThat(restored.trusted()).isFalse();
        assertThat(restored.checkAndRecord("never-seen", 5))
                .isEqualTo(SeenIdFilter.Lookup.UNTRACKED);
        // and it stays off through the next checkpoint
        SeenIdFilter next = filter();
        next.restore(restored.snapshot());
        assertThat(next.trusted()).isFalse();
    }
}
