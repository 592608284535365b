package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Publishes the partitions of a running stream. It sees each checkpoint's committed files and each
 * writer's progress (the watermark it had seen when it closed them); once the lowest writer
 * watermark has passed a partition's end, no on-time row can reach it any more, and it is published
 * by the {@link PartitionPublisher}.
 *
 * <p>Runs with parallelism 1; its state (partitions with unpublished files, writer progress) is
 * checkpointed. The files of a bounded stream's final checkpoint never reach a post-commit operator
 * (Flink emits them after end of input; FLINK-38614), so the run's finaliser publishes what is left
 * when a bounded job ends (see {@code LakeFinalizer}).
 */
public final class PartitionCommitOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<LakeCommittable>, Void> {

    private static final long serialVersionUID = 1L;

    private final LakeSinkConfig config;

    private transient TreeSet<String> pending;
    private transient long[] progress;
    private transient PartitionPublisher publisher;
    private transient ListState<String> pendingState;
    private transient ListState<Long> progressState;

    public PartitionCommitOperator(LakeSinkConfig config) {
        this.config = config;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        publisher = new PartitionPublisher(config);
        pendingState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>("pending-partitions", Types.STRING));
        progressState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("writer-progress", Types.LONG));
        pending = new TreeSet<>();
        pendingState.get().forEach(pending::add);
        List<Long> restored = new ArrayList<>();
        progressState.get().forEach(restored::add);
        progress = restored.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        pendingState.update(new ArrayList<>(pending));
        List<Long> marks = new ArrayList<>();
        for (long p : progress) {
            marks.add(p);
        }
        progressState.update(marks);
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<LakeCommittable>> element)
            throws Exception {
        if (!(element.getValue() instanceof CommittableWithLineage)) {
            return; // summaries carry nothing we need
        }
        LakeCommittable c =
                ((CommittableWithLineage<LakeCommittable>) element.getValue()).getCommittable();
        if (c.isFile()) {
            pending.add(c.partition());
        } else {
            recordProgress(c);
            publishComplete(lowestWatermark());
        }
    }

    private void recordProgress(LakeCommittable c) {
        if (progress.length != c.subtasks()) {
            long[] resized = new long[c.subtasks()];
            Arrays.fill(resized, Long.MIN_VALUE);
            System.arraycopy(progress, 0, resized, 0, Math.min(progress.length, resized.length));
            progress = resized;
        }
        progress[c.subtask()] = Math.max(progress[c.subtask()], c.watermark());
    }

    private long lowestWatermark() {
        long low = Long.MAX_VALUE;
        for (long p : progress) {
            low = Math.min(low, p);
        }
        return progress.length == 0 ? Long.MIN_VALUE : low;
    }

    private void publishComplete(long watermark) throws Exception {
        List<String> done = new ArrayList<>();
        for (String path : pending) {
            Partition partition = Partition.parse(path);
            if (partition.endMillis() - 1 <= watermark) {
                publisher.publish(partition);
                done.add(path);
            }
        }
        done.forEach(pending::remove);
    }

    @Override
    public void processWatermark(Watermark mark) {
        // completeness comes from the writers' progress reports, not from this input's watermark
    }
}
