package io.lakestream.deploy.generate;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Holds records back until their simulated ingestion time is due on the wall clock, scaled by a
 * speed factor: at speed 60 an hour of history is sent in a minute. A live stream is what makes a
 * stream job cut many small files (one per writer, partition and checkpoint); a history sent as
 * fast as possible reaches a job in a few checkpoints and hides that.
 */
final class Pacer {
    /** Sends at once: no pacing. */
    static final Pacer NONE = new Pacer(0, System::nanoTime, nanos -> {});

    private final double speed;
    private final LongSupplier nanoClock;
    private final LongConsumer sleeper;
    private long firstTimestampMillis = Long.MIN_VALUE;
    private long startNanos;

    private Pacer(double speed, LongSupplier nanoClock, LongConsumer sleeper) {
        this.speed = speed;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** A pacer that sends {@code speed} seconds of ingestion time per wall-clock second. */
    static Pacer atSpeed(double speed) {
        return atSpeed(speed, System::nanoTime, LockSupport::parkNanos);
    }

    static Pacer atSpeed(double speed, LongSupplier nanoClock, LongConsumer sleeper) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, not " + speed);
        }
        return new Pacer(speed, nanoClock, sleeper);
    }

    /**
     * Returns when a record with this ingestion timestamp is due: the first record sets the origin,
     * each later one waits until {@code (timestamp - first) / speed} has passed on the wall clock.
     */
    void awaitDue(long timestampMillis) {
        if (speed == 0) {
            return;
        }
        if (firstTimestampMillis == Long.MIN_VALUE) {
            firstTimestampMillis = timestampMillis;
            startNanos = nanoClock.getAsLong();
            return;
        }
        long dueNanos =
                startNanos + (long) ((timestampMillis - firstTimestampMillis) * 1e6 / speed);
        for (long wait = dueNanos - nanoClock.getAsLong();
                wait > 0;
                wait = dueNanos - nanoClock.getAsLong()) {
            sleeper.accept(wait);
        }
    }
}
