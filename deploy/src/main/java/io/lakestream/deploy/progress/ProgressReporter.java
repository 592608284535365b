package io.lakestream.deploy.progress;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a running backfill's progress: polls the job's source offsets through Flink's REST API on a
 * background thread and hands each {@link BackfillProgress.Snapshot} to a {@link ProgressSink},
 * until the job ends or {@link #finish} is called. It never fails the run: if the REST API does not
 * answer, at most one line says that progress is unavailable, and the run goes on.
 *
 * <pre>{@code
 * try (ProgressReporter p = ProgressReporter.start(progress, "http://localhost:8081", jobId,
 *         ProgressSink.lines(System.out), false, Duration.ofSeconds(10))) {
 *     client.getJobExecutionResult().get();
 *     p.finish(true); // prints the summary: every planned offset read
 * }
 * }</pre>
 */
public final class ProgressReporter implements AutoCloseable {

    /** Failed polls in a row, before anything was seen, after which progress is given up. */
    private static final int GIVE_UP_AFTER = 5;

    private final BackfillProgress progress;
    private final SourceOffsets offsets;
    private final ProgressSink sink;
    private final boolean bar;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private final Map<Integer, Long> best = new TreeMap<>();
    private boolean sourcesFinished;
    private boolean seen;
    private int failures;
    private boolean finished;
    private boolean summarised;

    private ProgressReporter(
            BackfillProgress progress,
            String restUrl,
            String jobId,
            ProgressSink sink,
            boolean bar) {
        this.progress = progress;
        this.offsets = new SourceOffsets(restUrl, jobId, progress.topic());
        this.sink = sink;
        this.bar = bar;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "lakestream-progress");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Starts polling {@code restUrl} (e.g. {@code http://localhost:8081}) for job {@code jobId}
     * every {@code every}.
     *
     * @param bar whether the sink redraws a bar ({@link BackfillProgress.Snapshot#bar()}) or prints
     *     lines ({@link BackfillProgress.Snapshot#line()})
     */
    public static ProgressReporter start(
            BackfillProgress progress,
            String restUrl,
            String jobId,
            ProgressSink sink,
            boolean bar,
            Duration every) {
        ProgressReporter r = unscheduled(progress, restUrl, jobId, sink, bar);
        long millis = Math.max(100, every.toMillis());
        r.timer.scheduleWithFixedDelay(r::tick, millis, millis, TimeUnit.MILLISECONDS);
        return r;
    }

    /** A reporter that polls when {@link #tick()} is called, for tests. */
    static ProgressReporter unscheduled(
            BackfillProgress progress,
            String restUrl,
            String jobId,
            ProgressSink sink,
            boolean bar) {
        return new ProgressReporter(progress, restUrl, jobId, sink, bar);
    }

    /** One poll, and what it shows. */
    void tick() {
        SourceOffsets.Observed observed;
        try {
            observed = offsets.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            if (!seen && ++failures == GIVE_UP_AFTER) {
                synchronized (this) {
                    if (!finished) {
                        sink.finish(
                                "progress: unavailable (the Flink REST API does not answer: "
                                        + e.getMessage()
                                        + ")");
                    }
                }
                timer.shutdown();
            }
            return;
        }
        synchronized (this) {
            if (finished || summarised) {
                return;
            }
            failures = 0;
            observed.currentOffsets().forEach((p, o) -> best.merge(p, o, Math::max));
            sourcesFinished |= observed.sourcesFinished();
            if (!best.isEmpty() || sourcesFinished) {
                seen = true;
                BackfillProgress.Snapshot s = snapshot();
                if (s.done() >= s.total()) {
                    // every planned offset read; what is left is writing, not reading
                    summarised = true;
                    sink.finish(s.summary());
                    timer.shutdown();
                    return;
                }
                sink.update(bar ? s.bar() : s.line());
            }
        }
        if (observed.jobEnded()) {
            timer.shutdown();
        }
    }

    private BackfillProgress.Snapshot snapshot() {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        return sourcesFinished ? progress.complete(elapsed) : progress.snapshot(best, elapsed);
    }

    /**
     * Stops polling; when the job {@code succeeded} (a bounded source that ended has read its whole
     * plan) prints the summary, every planned offset read.
     */
    public void finish(boolean succeeded) {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            if (summarised) {
                return;
            }
            if (succeeded) {
                sourcesFinished = true;
                sink.finish(snapshot().summary());
            } else if (seen && bar) {
                sink.finish(snapshot().bar());
            }
        }
    }

    /** {@link #finish}{@code (false)} unless already finished. */
    @Override
    public void close() {
        finish(false);
    }
}
