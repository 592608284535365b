package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
import io.lakestream.pipelines.tables.EventsTable;

/**
 * The {@code events} table: every valid, deduplicated, on-time event as Parquet, by event date and
 * hour. Decoding, quarantine, dedup and the late-data rule run for every job (they feed every
 * pipeline); this pipeline lands their result.
 */
public final class IngestPipeline implements Pipeline {

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public void attach(PipelineContext ctx) {
        ctx.write(ctx.events(), new EventsTable());
    }
}
