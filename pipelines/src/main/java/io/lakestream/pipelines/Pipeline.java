package io.lakestream.pipelines;

import java.time.Duration;

/**
 * A pipeline: reads the deduplicated, on-time events and writes one or more lake tables. It never
 * knows whether it runs as a stream or as a backfill; the {@link PipelineContext} hides the mode.
 *
 * <p>Jobs run with object reuse (docs/decisions/0015-object-reuse.md): an operator receives the
 * same object its chained predecessor emitted, and other chained consumers of that stream receive
 * it too. So a pipeline's functions must neither modify their input nor keep a reference to it
 * after the call (copy what must be kept).
 *
 * <pre>{@code
 * public final class UserDailyPipeline implements Pipeline {
 *     public String name() { return "user_daily"; }
 *     public void attach(PipelineContext ctx) {
 *         ctx.write(ctx.events().keyBy(...).window(...).process(...).uid("user-daily"), new UserDailyTable());
 *     }
 * }
 * }</pre>
 */
public interface Pipeline {

    /** The name used on the command line ({@code --pipelines ingest,user_daily}). */
    String name();

    void attach(PipelineContext ctx);

    /**
     * How much event time after a backfill's last date the pipeline must read to complete the rows
     * of its dates (e.g. clicks after an impression); a backfill reads that much further ({@link
     * PipelineContext#eventsWithHorizon()}) without writing any other date. Zero for most.
     */
    default Duration horizon() {
        return Duration.ZERO;
    }

    /**
     * How much event time before a backfill's first date the pipeline must read to complete the
     * rows of its dates (e.g. a user's activity of the days before an impression); a backfill reads
     * that much earlier ({@link PipelineContext#eventsWithHistory()}) without writing any other
     * date. The mirror image of {@link #horizon()}; not the {@code --lookback} of Kafka delivery
     * delays. Zero for most.
     */
    default Duration history() {
        return Duration.ZERO;
    }

    /**
     * Whether the pipeline reads the {@code users} changelog ({@link PipelineContext#profiles()}):
     * the run then checks, before it starts, that the topic exists.
     */
    default boolean readsProfiles() {
        return false;
    }
}
