package io.lakestream.itests;

import io.lakestream.connectors.testing.ReliabilityRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a test sees of the source of a job it runs on a MiniCluster in its own JVM (through {@link
 * ObservedSource}): records read, readers started (one per subtask and attempt, so restarts),
 * checkpoints completed; and, when given a schedule, the task failures to inject. The job's
 * functions are serialised, so they find their probe by name in this JVM-wide registry.
 *
 * <p>A failure schedule gives, for the n-th failure, the number of records read (by all readers of
 * all attempts, replays included) at which a reader throws; none comes before the job's first
 * completed checkpoint, so every restart restores one, with the records read since in flight. As
 * every record is read at least once, a schedule below the input's size is always carried out
 * before a bounded stream ends.
 */
final class SourceProbe implements AutoCloseable {

    private static final Map<String, SourceProbe> PROBES = new ConcurrentHashMap<>();

    private final String name;
    private final long[] failAt;
    private final AtomicLong records = new AtomicLong();
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicLong latestCheckpoint = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    private final List<Failure> failed = new CopyOnWriteArrayList<>();
    private volatile long markNanos;
    private final AtomicLong firstRecordAfterMark = new AtomicLong();

    /** One injected failure: when, which checkpoint was the latest, when one completed again. */
    static final class Failure {
        final long atNanos = System.nanoTime();
        final long latestCheckpoint;
        volatile long recoveredAtNanos;

        Failure(long latestCheckpoint) {
            this.latestCheckpoint = latestCheckpoint;
        }
    }

    private SourceProbe(String name, long[] failAt) {
        this.name = name;
        this.failAt = failAt.clone();
    }

    /** A probe that only watches. */
    static SourceProbe watching(String name) {
        return failing(name, new long[0]);
    }

    /** A probe that also injects {@code failAt.length} failures (see the class comment). */
    static SourceProbe failing(String name, long[] failAt) {
        SourceProbe p = new SourceProbe(name, failAt);
        if (PROBES.putIfAbsent(name, p) != null) {
            throw new IllegalStateException("a probe named " + name + " exists already");
        }
        return p;
    }

    static SourceProbe named(String name) {
        SourceProbe p = PROBES.get(name);
        if (p == null) {
            throw new IllegalStateException("no probe named " + name + " in this JVM");
        }
        return p;
    }

    String name() {
        return name;
    }

    long records() {
        return records.get();
    }

    /** Readers started so far: parallelism × (1 + restarts). */
    int readers() {
        return readers.get();
    }

    /** The highest checkpoint id any reader was told had completed; 0 if none. */
    long latestCheckpoint() {
        return latestCheckpoint.get();
    }

    int failures() {
        return failures.get();
    }

    List<Failure> failed() {
        return List.copyOf(failed);
    }

    /** From now on, remembers when the next record is read ({@link #firstRecordAfterMark}). */
    void mark() {
        firstRecordAfterMark.set(0);
        markNanos = System.nanoTime();
    }

    /** Nanos from {@link #mark()} to the first record read after it; 0 if none yet. */
    long nanosToFirstRecordAfterMark() {
        long at = firstRecordAfterMark.get();
        return at == 0 ? 0 : at - markNanos;
    }

    int readerStarted() {
        readers.incrementAndGet();
        return failures.get();
    }

    void recordRead() {
        records.incrementAndGet();
        if (markNanos != 0 && firstRecordAfterMark.get() == 0) {
            firstRecordAfterMark.compareAndSet(0, System.nanoTime());
        }
    }

    void checkpointCompleted(long checkpointId) {
        latestCheckpoint.accumulateAndGet(checkpointId, Math::max);
        for (Failure f : failed) {
            if (f.recoveredAtNanos == 0 && checkpointId > f.latestCheckpoint) {
                f.recoveredAtNanos = System.nanoTime();
            }
        }
    }

    /**
     * Whether a reader of attempt {@code generation} must fail now; true for one reader of an
     * attempt only, once the schedule's count of records is reached and a checkpoint completed.
     */
    boolean claimFailure(int generation) {
        if (generation >= failAt.length
                || records.get() < failAt[generation]
                || latestCheckpoint.get() == 0) {
            return false;
        }
        if (!failures.compareAndSet(generation, generation + 1)) {
            return false;
        }
        failed.add(new Failure(latestCheckpoint.get()));
        return true;
    }

    /** The latest completed checkpoint at each failure: the one its restart restored. */
    List<Long> restoredCheckpoints() {
        return failed.stream().map(f -> f.latestCheckpoint).toList();
    }

    /**
     * The report's recovery column: time from each injected failure to the next completed
     * checkpoint (the restarted job restored and made progress), as max and median.
     */
    String recovery() {
        long[] nanos =
                failed.stream()
                        .filter(f -> f.recoveredAtNanos != 0)
                        .mapToLong(f -> f.recoveredAtNanos - f.atNanos)
                        .sorted()
                        .toArray();
        if (nanos.length == 0) {
            return "n/a (no checkpoint completed after a failure)";
        }
        return "max "
                + ReliabilityRow.seconds(Duration.ofNanos(nanos[nanos.length - 1]))
                + ", median "
                + ReliabilityRow.seconds(Duration.ofNanos(nanos[nanos.length / 2]))
                + " from a failure to the next completed checkpoint ("
                + nanos.length
                + " of "
                + failed.size()
                + " failures)";
    }

    @Override
    public void close() {
        PROBES.remove(name, this);
    }
}
