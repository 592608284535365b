package io.lakestream.pipelines;

import io.lakestream.connectors.lake.LakeTable;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.ProfileVersion;
import org.apache.flink.streaming.api.datastream.DataStream;

/** What a {@link Pipeline} gets: the events, and a way to write a table in the run's mode. */
public interface PipelineContext {

    /** Valid, deduplicated, on-time events with event-time timestamps and watermarks. */
    DataStream<Event> events();

    /**
     * As {@link #events()}, and in a backfill also the events of the run's horizon after its last
     * date (the largest {@link Pipeline#horizon()} of the run's pipelines). A stream has no end, so
     * there it is {@link #events()}. Use it for what completes a row of the range, never for rows.
     */
    DataStream<Event> eventsWithHorizon();

    /**
     * As {@link #events()}, and in a backfill also the events of the run's history before its first
     * date (the largest {@link Pipeline#history()} of the run's pipelines). A stream reads from the
     * topic's start, so there it is {@link #events()}. Use it for what completes a row of the range
     * (features from earlier days), never for rows.
     */
    DataStream<Event> eventsWithHistory();

    /**
     * The valid versions of the {@code users} changelog topic, read from its beginning (a stream:
     * unbounded; a backfill: up to the end offsets at start), with event-time timestamps and
     * watermarks. Created on first use, so runs that do not ask for it do not read the topic;
     * records that break the contract go to {@code _quarantine}.
     */
    DataStream<ProfileVersion> profiles();

    /**
     * Whether stages keyed by user should split hot users over salted sub-keys ({@code --salting}):
     * the rows must be the same either way; only the load per subtask differs.
     */
    boolean saltHotKeys();

    /** Writes {@code rows} into {@code table} of the lake, exactly once, in the run's mode. */
    <T> void write(DataStream<T> rows, LakeTable<T> table);
}
