package io.lakestream.pipelines.topitems;

import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
import io.lakestream.pipelines.aggregate.BucketAggregations;
import io.lakestream.pipelines.model.TopItem;
import io.lakestream.pipelines.tables.TopItemsTable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * {@code top_items}: the 100 most clicked items of every hour, from a frequent-items sketch per
 * hour that each subtask fills locally and that is merged once per hour. Memory is bounded by the
 * sketch size (default 32,768 slots: exact up to 24,576 distinct clicked items per hour), however
 * many items there are.
 */
public final class TopItemsPipeline implements Pipeline {

    public static final int TOP_K = 100;
    public static final int SKETCH_SLOTS = 1 << 15;

    @Override
    public String name() {
        return "top_items";
    }

    @Override
    public void attach(PipelineContext ctx) {
        ctx.write(
                BucketAggregations.aggregate(
                        ctx.events(),
                        new TopItemsAggregation(TOP_K, SKETCH_SLOTS),
                        "top-items",
                        TypeInformation.of(TopItem.class)),
                new TopItemsTable());
    }
}
