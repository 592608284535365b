package io.lakestream.pipelines;

import io.lakestream.connectors.lake.LakeTable;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.ProfileVersion;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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

    /**
     * Rows per user and UTC day of {@link #events()}, as {@code fold} computes them.
     *
     * <p>In a backfill, the folds of all the run's pipelines run in one operator keyed by user:
     * BATCH mode sorts every keyed input, and the sort is most of a backfill's cost, so the events
     * are sorted by user once, not once per pipeline (docs/decisions/0025-one-sort-by-user.md).
     *
     * <p>In a stream, {@code streamStage} builds the stage from {@link #events()}, keyed as it
     * chooses: its operators and their state are what the stream's savepoints hold, so they stay
     * the pipeline's own, with their uids. It must give the rows {@code fold} gives for each user
     * and day (it may emit them earlier, as soon as they are known).
     */
    <T> DataStream<T> perUserDay(
            UserDayFold<?, T> fold,
            TypeInformation<T> type,
            Function<DataStream<Event>, DataStream<T>> streamStage);

    /** Writes {@code rows} into {@code table} of the lake, exactly once, in the run's mode. */
    <T> void write(DataStream<T> rows, LakeTable<T> table);
}
