package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.quality.QualityGate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Publishes the partitions of a running stream, once no on-time row can reach them any more.
 *
 * <p>The rule: let {@code W(n)} be the watermark this operator had seen when the barrier of
 * checkpoint {@code n} passed it. Watermarks travel in-band from the writers through the committer,
 * so every row with an event time at or below {@code W(n)} was written before barrier {@code n},
 * and its file belongs to checkpoint {@code n} or an earlier one. Once every writer's marker of
 * checkpoint {@code n} has arrived (the committer forwards a checkpoint's files only after
 * committing them, marker last), those files are all visible, and every pending partition ending at
 * or before {@code W(n)} is published by the {@link PartitionPublisher}. Flink computes {@code
 * W(n)} with idle inputs left out, so an idle writer does not hold publishing back; it still sends
 * its marker at every checkpoint.
 *
 * <p>Runs with parallelism 1; its state (partitions with unpublished files, barrier watermarks,
 * markers received) is checkpointed. The files of a bounded stream's final checkpoint never reach a
 * post-commit operator (Flink emits them after the end of input; FLINK-38614), so the run's
 * finaliser publishes what is left when a bounded job ends (see {@code LakeFinalizer}).
 *
 * <p>Partitions go to the publisher oldest first; with expectations, a partition may be quarantined
 * (counted by the metric {@code quarantinedPartitions} and the run counter {@code
 * quarantined-partitions}), and a {@code fail-job} breach fails the job without restarts, before
 * any later partition of the table is published (docs/decisions/0021).
 *
 * <p>With {@code compactOnPublish}, the publisher compacts each partition right after publishing
 * it, on this operator's thread: the next partitions wait for it (docs/decisions/0011).
 */
public final class PartitionCommitOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<LakeCommittable>, Void> {

    private static final long serialVersionUID = 1L;

    private final LakeSinkConfig config;

    private transient TreeSet<String> pending;
    private transient TreeMap<Long, Long> barrierWatermarks;
    private transient long[] markedUpTo;
    private transient long inputWatermark;
    private transient PartitionPublisher publisher;
    private transient ListState<String> pendingState;
    private transient ListState<Long> barrierState;
    private transient ListState<Long> markerState;
    private transient Counter quarantinedMetric;
    private transient LongCounter quarantinedCounter;

    public PartitionCommitOperator(LakeSinkConfig config) {
        this.config = config;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        publisher = new PartitionPublisher(config);
        inputWatermark = Long.MIN_VALUE;
        pendingState = listState(context, "pending-partitions", Types.STRING);
        barrierState = listState(context, "barrier-watermarks", Types.LONG);
        markerState = listState(context, "markers-received", Types.LONG);
        pending = new TreeSet<>();
        pendingState.get().forEach(pending::add);
        barrierWatermarks = new TreeMap<>();
        List<Long> pairs = new ArrayList<>();
        barrierState.get().forEach(pairs::add);
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            barrierWatermarks.put(pairs.get(i), pairs.get(i + 1));
        }
        List<Long> marks = new ArrayList<>();
        markerState.get().forEach(marks::add);
        markedUpTo = marks.stream().mapToLong(Long::longValue).toArray();
    }

    private static <T> ListState<T> listState(
            StateInitializationContext context,
            String name,
            org.apache.flink.api.common.typeinfo.TypeInformation<T> type)
            throws Exception {
        return context.getOperatorStateStore().getListState(new ListStateDescriptor<>(name, type));
    }

    @Override
    public void open() throws Exception {
        super.open();
        quarantinedMetric = getMetricGroup().counter(QualityGate.QUARANTINED_PARTITIONS_METRIC);
        quarantinedCounter = getRuntimeContext().getLongCounter(QualityGate.QUARANTINED_PARTITIONS);
    }

    @Override
    public void processWatermark(Watermark mark) {
        // remembered for the next barrier; nothing downstream needs it
        inputWatermark = Math.max(inputWatermark, mark.getTimestamp());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        barrierWatermarks.put(context.getCheckpointId(), inputWatermark);
        pendingState.update(new ArrayList<>(pending));
        List<Long> pairs = new ArrayList<>();
        for (Map.Entry<Long, Long> e : barrierWatermarks.entrySet()) {
            pairs.add(e.getKey());
            pairs.add(e.getValue());
        }
        barrierState.update(pairs);
        List<Long> marks = new ArrayList<>();
        for (long m : markedUpTo) {
            marks.add(m);
        }
        markerState.update(marks);
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<LakeCommittable>> element)
            throws Exception {
        if (!(element.getValue() instanceof CommittableWithLineage)) {
            return; // summaries carry nothing we need
        }
        CommittableWithLineage<LakeCommittable> message =
                (CommittableWithLineage<LakeCommittable>) element.getValue();
        LakeCommittable c = message.getCommittable();
        if (c.isFile()) {
            pending.add(c.partition());
        } else {
            recordMarker(c, message.getCheckpointId());
            publishUpTo(lowestMarkedCheckpoint());
        }
    }

    private void recordMarker(LakeCommittable c, long checkpointId) {
        if (markedUpTo.length != c.subtasks()) {
            long[] resized = new long[c.subtasks()];
            Arrays.fill(resized, Long.MIN_VALUE);
            System.arraycopy(
                    markedUpTo, 0, resized, 0, Math.min(markedUpTo.length, resized.length));
            markedUpTo = resized;
        }
        markedUpTo[c.subtask()] = Math.max(markedUpTo[c.subtask()], checkpointId);
    }

    private long lowestMarkedCheckpoint() {
        long low = Long.MAX_VALUE;
        for (long m : markedUpTo) {
            low = Math.min(low, m);
        }
        return markedUpTo.length == 0 ? Long.MIN_VALUE : low;
    }

    /** Publishes what the barrier watermark of checkpoint {@code n} (fully committed) allows. */
    private void publishUpTo(long n) throws Exception {
        Map.Entry<Long, Long> barrier = barrierWatermarks.floorEntry(n);
        if (barrier == null) {
            return;
        }
        long watermark = barrier.getValue();
        List<String> done = new ArrayList<>();
        for (String path : pending) {
            if (Partition.parse(path).endMillis() - 1 <= watermark) {
                long quarantinedBefore = publisher.quarantined();
                publisher.publish(Partition.parse(path));
                long newlyQuarantined = publisher.quarantined() - quarantinedBefore;
                quarantinedMetric.inc(newlyQuarantined);
                quarantinedCounter.add(newlyQuarantined);
                done.add(path);
            }
        }
        done.forEach(pending::remove);
        barrierWatermarks.headMap(barrier.getKey(), false).clear();
    }
}
