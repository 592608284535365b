package io.lakestream.pipelines;

import io.lakestream.connectors.lake.LakeTable;
import io.lakestream.pipelines.model.Event;
import org.apache.flink.streaming.api.datastream.DataStream;

/** What a {@link Pipeline} gets: the events, and a way to write a table in the run's mode. */
public interface PipelineContext {

    /** Valid, deduplicated, on-time events with event-time timestamps and watermarks. */
    DataStream<Event> events();

    /** Writes {@code rows} into {@code table} of the lake, exactly once, in the run's mode. */
    <T> void write(DataStream<T> rows, LakeTable<T> table);
}
