package io.lakestream.pipelines.aggregate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Pre-aggregates its subtask's input per event-time bucket on the heap, and sends each bucket's
 * partial (as canonical bytes) downstream once the watermark has passed the bucket's end — before
 * forwarding that watermark, so the merge step has every partial when its own timer fires.
 *
 * <p>Why not a keyed window: a window keyed by bucket would send every row to one subtask and, on
 * RocksDB, deserialize and serialize the whole sketch for every row. Here a sketch is updated in
 * place, and it is serialized only at checkpoints (into operator list state) and once when its
 * bucket closes. Memory holds the open buckets only: a few in a stream; in a backfill (BATCH mode,
 * one watermark at the end) every bucket of the range.
 *
 * <p>Partials are mergeable, so on restore with another parallelism the list state may land on any
 * subtask: partials of the same bucket are merged there.
 */
public final class LocalBucketAggregator<IN, ACC> extends AbstractStreamOperator<BucketPartial>
        implements OneInputStreamOperator<IN, BucketPartial>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final BucketAggregation<IN, ACC, ?> aggregation;
    private transient TreeMap<Long, ACC> open;
    private transient ListState<BucketPartial> checkpointed;

    public LocalBucketAggregator(BucketAggregation<IN, ACC, ?> aggregation) {
        this.aggregation = aggregation;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        open = new TreeMap<>();
        checkpointed =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "open-buckets", TypeInformation.of(BucketPartial.class)));
        for (BucketPartial p : checkpointed.get()) {
            ACC restored = aggregation.fromBytes(p.bytes);
            ACC existing = open.get(p.bucketStart);
            if (existing == null) {
                open.put(p.bucketStart, restored);
            } else {
                aggregation.merge(existing, restored);
            }
        }
    }

    @Override
    public void processElement(StreamRecord<IN> element) throws Exception {
        IN in = element.getValue();
        long bucket = aggregation.bucketStart(aggregation.timeOf(in));
        ACC acc = open.get(bucket);
        if (acc == null) {
            acc = aggregation.create();
            open.put(bucket, acc);
        }
        aggregation.add(acc, in);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flushUpTo(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void endInput() throws Exception {
        flushUpTo(Long.MAX_VALUE);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<BucketPartial> partials = new ArrayList<>(open.size());
        for (Map.Entry<Long, ACC> e : open.entrySet()) {
            partials.add(new BucketPartial(e.getKey(), aggregation.toBytes(e.getValue())));
        }
        checkpointed.update(partials);
    }

    /** Emits (and forgets) every bucket whose last millisecond is at or before {@code time}. */
    private void flushUpTo(long time) throws Exception {
        Iterator<Map.Entry<Long, ACC>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, ACC> e = it.next();
            long lastMillis = e.getKey() + aggregation.bucketMillis() - 1;
            if (lastMillis > time) {
                break; // sorted by bucket start: the rest are later
            }
            output.collect(
                    new StreamRecord<>(
                            new BucketPartial(e.getKey(), aggregation.toBytes(e.getValue())),
                            lastMillis));
            it.remove();
        }
    }
}
