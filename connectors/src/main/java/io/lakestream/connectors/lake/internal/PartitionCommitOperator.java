package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.quality.QualityBreachException;
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
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;

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
 * <p>The breaker holds for the whole run, not only for its table: a table with a {@code fail-job}
 * rule (a breaker table) checks all its partitions up to {@code W(n)} first and records how far it
 * got in the run's {@link BreakerLedger} (on a breach: up to the failing partition, whose earlier
 * partitions it then publishes before it fails the job); every committer of the run publishes a
 * partition only once each other breaker table has checked past the partition's end plus its
 * table's horizon (a label window). A partition held back is tried again every second and at every
 * checkpoint. So a breach on {@code events} stops {@code top_items} too before it publishes the
 * hour derived from the bad events, whichever committer runs first.
 *
 * <p>With {@code compactOnPublish}, the publisher compacts each partition right after publishing
 * it, on this operator's thread: the next partitions wait for it (docs/decisions/0011).
 */
public final class PartitionCommitOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<LakeCommittable>, Void> {

    private static final long serialVersionUID = 1L;

    /** How often a partition held back by the run's breaker tables is tried again. */
    static final long RETRY_MILLIS = 1_000;

    private final LakeSinkConfig config;

    private transient TreeSet<String> pending;
    private transient TreeMap<Long, Long> barrierWatermarks;
    private transient long[] markedUpTo;
    private transient long inputWatermark;
    private transient PartitionPublisher publisher;
    private transient BreakerLedger ledger;
    private transient boolean retryScheduled;
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
        ledger = new BreakerLedger(config);
        if (config.breaksRun()) {
            ledger.register(config.table(), !context.isRestored());
        }
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

    /**
     * Publishes what the barrier watermark of checkpoint {@code n} (fully committed) and the run's
     * breaker tables allow.
     */
    private void publishUpTo(long n) throws Exception {
        Map.Entry<Long, Long> barrier = barrierWatermarks.floorEntry(n);
        if (barrier == null) {
            return;
        }
        long watermark = barrier.getValue();
        List<Partition> ready = new ArrayList<>();
        for (String path : pending) {
            Partition p = Partition.parse(path);
            if (p.endMillis() - 1 <= watermark) {
                ready.add(p);
            }
        }
        ready.sort(null);
        QualityBreachException breach = null;
        if (config.breaksRun()) {
            long checked = checkedThrough(watermark);
            for (Partition p : ready) {
                try {
                    publisher.prepare(p);
                } catch (QualityBreachException b) {
                    // everything before the breach passed; nothing from it on is published
                    breach = b;
                    checked = p.startMillis();
                    break;
                }
            }
            ledger.checkedThrough(config.table(), checked);
        }
        long cleared = ready.isEmpty() ? Long.MAX_VALUE : ledger.clearedThrough(config.table());
        for (Partition p : ready) {
            if (breach != null
                    && p.startMillis() >= Partition.parse(breach.partition()).startMillis()) {
                break;
            }
            if (p.endMillis() + config.horizonMillis() > cleared) {
                if (breach == null) {
                    retryLater();
                }
                break;
            }
            long quarantinedBefore = publisher.quarantined();
            publisher.publish(p);
            long newlyQuarantined = publisher.quarantined() - quarantinedBefore;
            quarantinedMetric.inc(newlyQuarantined);
            quarantinedCounter.add(newlyQuarantined);
            pending.remove(p.path());
        }
        barrierWatermarks.headMap(barrier.getKey(), false).clear();
        if (breach != null) {
            throw breach;
        }
    }

    /**
     * The time before which every partition of this table has been checked once those ending at or
     * before {@code watermark} have: the start of the partition holding {@code watermark + 1}.
     */
    private long checkedThrough(long watermark) {
        if (watermark == Long.MAX_VALUE || watermark == Long.MIN_VALUE) {
            return watermark;
        }
        return Partition.of(config.scheme(), watermark + 1).startMillis();
    }

    private void retryLater() {
        if (retryScheduled) {
            return;
        }
        retryScheduled = true;
        ProcessingTimeService time = getProcessingTimeService();
        time.registerTimer(
                time.getCurrentProcessingTime() + RETRY_MILLIS,
                t -> {
                    retryScheduled = false;
                    publishUpTo(lowestMarkedCheckpoint());
                });
    }
}
