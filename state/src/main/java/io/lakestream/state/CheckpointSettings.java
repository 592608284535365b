package io.lakestream.state;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stream checkpoints: how often, how long a checkpoint may take, the pause between two, how
 * many completed checkpoints are kept, and whether barriers may overtake in-flight data.
 *
 * <p>Defaults ({@link #defaults(Duration)}): timeout 10 min (a slow incremental upload should not
 * fail the job), min pause = interval / 4 (the job always gets time to process between
 * checkpoints), 3 retained (a corrupt latest checkpoint still leaves two to fall back to),
 * unaligned barriers after an alignment timeout: a checkpoint starts aligned and stores no
 * in-flight data unless its barriers wait longer than the timeout, which they do while a day's
 * windows fire (ADR 0024); with them, timers that allow it may be interrupted by a barrier.
 *
 * @param interval time between the starts of two checkpoints
 * @param timeout a checkpoint that takes longer is aborted
 * @param minPause minimum time between the end of one checkpoint and the start of the next
 * @param maxRetained completed checkpoints kept
 * @param unaligned whether barriers may overtake buffered records (after an alignment timeout) and
 *     interrupt the firing of timers
 */
public record CheckpointSettings(
        Duration interval,
        Duration timeout,
        Duration minPause,
        int maxRetained,
        boolean unaligned) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_RETAINED = 3;

    public CheckpointSettings {
        requirePositive(interval, "interval");
        requirePositive(timeout, "timeout");
        Objects.requireNonNull(minPause, "minPause");
        if (minPause.isNegative()) {
            throw new IllegalArgumentException(
                    "checkpoint min pause must not be negative, was " + minPause);
        }
        if (maxRetained < 1) {
            throw new IllegalArgumentException(
                    "at least one checkpoint must be retained, was " + maxRetained);
        }
    }

    /** The defaults for a checkpoint {@code interval}; see the class comment. */
    public static CheckpointSettings defaults(Duration interval) {
        requirePositive(interval, "interval");
        return new CheckpointSettings(
                interval, DEFAULT_TIMEOUT, interval.dividedBy(4), DEFAULT_MAX_RETAINED, true);
    }

    public CheckpointSettings withTimeout(Duration timeout) {
        return new CheckpointSettings(interval, timeout, minPause, maxRetained, unaligned);
    }

    public CheckpointSettings withMinPause(Duration minPause) {
        return new CheckpointSettings(interval, timeout, minPause, maxRetained, unaligned);
    }

    public CheckpointSettings withMaxRetained(int maxRetained) {
        return new CheckpointSettings(interval, timeout, minPause, maxRetained, unaligned);
    }

    public CheckpointSettings withUnaligned(boolean unaligned) {
        return new CheckpointSettings(interval, timeout, minPause, maxRetained, unaligned);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(
                    "checkpoint " + name + " must be positive, was " + d);
        }
    }
}
