package io.lakestream.deploy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** A wall clock that only moves when the pacer sleeps, or when the test says so. */
    private static final class FakeClock {
        long nanos = 5_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        void sleep(long n) {
            sleeps.add(n);
            nanos += n;
        }
    }

    @Test
    void waitsUntilEachRecordIsDueAtTheGivenSpeed() {
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.atSpeed(60, () -> clock.nanos, clock::sleep);

        pacer.awaitDue(1_000_000L); // the origin: sent at once
        pacer.awaitDue(1_000_000L + 60_000); // a minute of history later: one second of wall time
        assertThat(clock.sleeps).containsExactly(1_000_000_000L);

        clock.nanos += 3_000_000_000L; // the sender fell behind: no waiting until it catches up
        pacer.awaitDue(1_000_000L + 120_000);
        pacer.awaitDue(1_000_000L + 240_000); // due at 4 s, it is 4 s: at once
        assertThat(clock.sleeps).containsExactly(1_000_000_000L);

        pacer.awaitDue(1_000_000L + 3_600_000); // an hour of history is due a minute after start
        assertThat(clock.nanos - 5_000_000_000L).isEqualTo(60_000_000_000L);
    }

    @Test
    void anEarlierTimestampIsNotHeldBack() {
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.atSpeed(1, () -> clock.nanos, clock::sleep);
        pacer.awaitDue(10_000);
        pacer.awaitDue(9_000);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void refusesSpeedsThatAreNotPositive() {
        for (double speed : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Pacer.atSpeed(speed))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
