package io.lakestream.pipelines.topitems;

import io.lakestream.pipelines.aggregate.BucketAggregation;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.TopItem;
import io.lakestream.state.sketch.FrequentItemsSketch;
import io.lakestream.state.sketch.ItemEstimate;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.util.Collector;

/**
 * Clicks per item and hour in a frequent-items (Misra-Gries) sketch; emits the hour's top {@code
 * k}. While an hour has fewer distinct clicked items than the sketch holds, its counts are exact
 * and the ranking is independent of arrival order; beyond that the sketch purges and every estimate
 * is within {@code max_error} of the truth (an item with more clicks than that is never missing).
 */
public final class TopItemsAggregation
        implements BucketAggregation<Event, FrequentItemsSketch, TopItem> {

    private static final long serialVersionUID = 1L;

    private final int k;
    private final int maxMapSize;

    public TopItemsAggregation(int k, int maxMapSize) {
        this.k = k;
        this.maxMapSize = maxMapSize;
    }

    @Override
    public long bucketMillis() {
        return Duration.ofHours(1).toMillis();
    }

    @Override
    public long timeOf(Event e) {
        return e.ts;
    }

    @Override
    public FrequentItemsSketch create() {
        return new FrequentItemsSketch(maxMapSize);
    }

    @Override
    public void add(FrequentItemsSketch acc, Event e) {
        if (EventType.CLICK.equals(e.eventType)) {
            acc.update(e.itemId);
        }
    }

    @Override
    public void merge(FrequentItemsSketch into, FrequentItemsSketch other) {
        into.merge(other);
    }

    @Override
    public byte[] toBytes(FrequentItemsSketch acc) {
        return acc.toBytes();
    }

    @Override
    public FrequentItemsSketch fromBytes(byte[] bytes) throws IOException {
        return FrequentItemsSketch.fromBytes(bytes);
    }

    @Override
    public void emit(long hourStart, FrequentItemsSketch acc, Collector<TopItem> out) {
        long maxError = acc.maximumError();
        List<ItemEstimate> top = acc.topK(k);
        for (int i = 0; i < top.size(); i++) {
            ItemEstimate est = top.get(i);
            TopItem row = new TopItem();
            row.hourStart = hourStart;
            row.rank = i + 1;
            row.itemId = est.item();
            row.estCount = est.estimate();
            row.exactCount = maxError == 0 ? est.estimate() : null;
            row.maxError = maxError;
            out.collect(row);
        }
    }
}
