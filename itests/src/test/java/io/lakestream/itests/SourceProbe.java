package io.lakestream.itests;

import io.lakestream.connectors.testing.ReliabilityRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * <p>A failure schedule gives, for the n-th failure, a window in records read (by all readers of
 * all attempts, replays included): from its start, a reader throws as soon as a checkpoint has
 * completed since the previous restore (so restarts restore ever newer checkpoints, with the
 * records read since in flight); at its end it throws regardless, provided some checkpoint has
 * completed, as restoring a job takes a while and the stream must not end first. As every record is
 * read at least once, a schedule that ends below the input's size is always carried out before a
 * bounded stream ends.
 */
final class SourceProbe implements AutoCloseable {

    private static final Map<String, SourceProbe> PROBES = new ConcurrentHashMap<>();

    private final String name;
    private final long[] from;
    private final long[] until;
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

    private SourceProbe(String name, long[] from, long[] until) {
        this.name = name;
        this.from = from.clone();
        this.until = until.clone();
    }

    /** A probe that only watches. */
    static SourceProbe watching(String name) {
        return failing(name, new long[0], new long[0]);
    }

    /**
     * A probe that also injects {@code from.length} failures, the n-th within records read {@code
     * [from[n], until[n]]} (see the class comment).
     */
    static SourceProbe failing(String name, long[] from, long[] until) {
        SourceProbe p = new SourceProbe(name, from, until);
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
     * attempt only, within the failure's window and once a checkpoint completed (see the class
     * comment).
     */
    boolean claimFailure(int generation) {
        if (generation >= from.length || latestCheckpoint.get() == 0) {
            return false;
        }
        long read = records.get();
        long restored = generation == 0 ? 0 : failed.get(generation - 1).latestCheckpoint;
        boolean due =
                read >= until[generation]
                        || (read >= from[generation] && latestCheckpoint.get() > restored);
        if (!due) {
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
     * The report's recovery column: time from an injected failure to the next completed checkpoint
     * (the restarted job restored and made durable progress), as max and median, over the failures
     * whose restart got that far before the next failure struck.
     */
    String recovery() {
        List<Failure> all = failed();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            long recovered = all.get(i).recoveredAtNanos;
            boolean beforeNext = i + 1 == all.size() || recovered < all.get(i + 1).atNanos;
            if (recovered != 0 && beforeNext) {
                nanos.add(recovered - all.get(i).atNanos);
            }
        }
        if (nanos.isEmpty()) {
            return "n/a (no checkpoint completed between a failure and the next)";
        }
        Collections.sort(nanos);
        return "max "
                + ReliabilityRow.seconds(Duration.ofNanos(nanos.get(nanos.size() - 1)))
                + ", median "
                + ReliabilityRow.seconds(Duration.ofNanos(nanos.get(nanos.size() / 2)))
                + " from a failure to the next completed checkpoint ("
                + nanos.size()
                + " of "
                + all.size()
                + " restarts got there before the next failure)";
    }

    @Override
    public void close() {
        PROBES.remove(name, this);
    }
}
