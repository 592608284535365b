package io.lakestream.pipelines;

import io.lakestream.pipelines.model.Event;
import java.io.Serializable;
import org.apache.flink.util.Collector;

/**
 * What a pipeline computes from one user's events of one UTC day: an accumulator the events are
 * added to, then the rows it gives. The result must not depend on the order the events are added
 * in, so a stream and a backfill of the same events give the same rows.
 *
 * <p>In a backfill, every pipeline's fold runs in one stage keyed by user ({@link
 * PipelineContext#perUserDay}), so the run's events are sorted by user once rather than once per
 * pipeline.
 *
 * @param <A> the accumulator of one user and day; the fold's own, never shared
 * @param <T> the rows
 */
public interface UserDayFold<A, T> extends Serializable {

    A create();

    /** Adds {@code e}; must not keep a reference to it (jobs run with object reuse). */
    void add(A acc, Event e);

    /** The rows of {@code userId}'s day starting at {@code dateStart} (epoch ms, UTC). */
    void emit(String userId, long dateStart, A acc, Collector<T> out);
}
