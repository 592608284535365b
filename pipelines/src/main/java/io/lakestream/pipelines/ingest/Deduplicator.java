package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.Event;
import io.lakestream.state.StateSettings;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the first delivery of each {@code event_id} and drops the others (producers may deliver an
 * event more than once; it counts once). Keyed by event id; the seen-flag lives in keyed state with
 * a TTL of at least max-delay + lookback, so a redelivery within that horizon is caught, and it is
 * checkpointed, so a restart does not let a duplicate through.
 *
 * <p>In a stream, a {@link SeenIdFilter} (Bloom filters per event date) sits in front of the exact
 * state: a filter miss proves the id is new and skips the state read; a hit is confirmed against
 * the state, so no event is ever dropped by a false positive. A backfill (BATCH mode, sorted by
 * key) uses the {@link BatchDeduplicator} instead.
 */
public final class Deduplicator extends KeyedProcessFunction<String, Event, Event>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Deduplicator.class);

    /**
     * Distinct event ids per day the filters are sized for, by default (split over the subtasks:
     * 2.4 MB of filter per date and subtask at parallelism 2). More ids only cost state reads.
     */
    public static final long DEFAULT_IDS_PER_DAY = 4_000_000L;

    public static final double DEFAULT_FALSE_POSITIVE_RATE = 0.01;

    private final Duration retention;
    private final long idsPerDay;
    private final double falsePositiveRate;

    /** Created on the task (it is runtime state, not configuration). */
    private transient SeenIdFilter filter;

    private transient ValueState<Boolean> seen;
    private transient ListState<SeenIdFilter.DatedFilter> savedFilters;
    private transient RunCounter duplicates;
    private transient Counter filterProvedNew;
    private transient Counter filterFalsePositives;

    /**
     * Exact keyed state behind Bloom filters sized for {@code idsPerDay} distinct ids per day (the
     * whole job's; each subtask sizes its filters for its share) at {@code falsePositiveRate};
     * {@code idsPerDay} 0 means no filter.
     */
    public Deduplicator(Duration retention, long idsPerDay, double falsePositiveRate) {
        this.retention = retention;
        this.idsPerDay = idsPerDay;
        this.falsePositiveRate = falsePositiveRate;
    }

    /** A stream's deduplicator: Bloom front sized for {@code idsPerDay}. */
    public static Deduplicator withBloomFront(Duration retention, long idsPerDay) {
        return new Deduplicator(retention, idsPerDay, DEFAULT_FALSE_POSITIVE_RATE);
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        d.enableTimeToLive(StateSettings.ttl(retention));
        seen = getRuntimeContext().getState(d);
        duplicates = RunCounter.register(getRuntimeContext(), RunCounter.DUPLICATES);
        filterProvedNew = getRuntimeContext().getMetricGroup().counter("dedup_filter_proved_new");
        filterFalsePositives =
                getRuntimeContext().getMetricGroup().counter("dedup_filter_false_positives");
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        SeenIdFilter.Lookup lookup = SeenIdFilter.Lookup.UNTRACKED;
        if (filter != null) {
            filter.rotate(ctx.timerService().currentWatermark());
            lookup = filter.checkAndRecord(e.eventId, e.ts);
            if (lookup == SeenIdFilter.Lookup.NEW) {
                filterProvedNew.inc();
                seen.update(Boolean.TRUE);
                out.collect(e);
                return;
            }
        }
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        if (lookup == SeenIdFilter.Lookup.MAYBE_SEEN) {
            filterFalsePositives.inc();
        }
        seen.update(Boolean.TRUE);
        out.collect(e);
    }

    @Override
    public void close() throws Exception {
        if (filter != null && filterProvedNew != null) {
            LOG.info(
                    "dedup subtask {}: {} ids proved new by the Bloom filters (no state read), {}"
                            + " false positives confirmed new by the state; {} open dates, {} bytes"
                            + " of filters",
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    filterProvedNew.getCount(),
                    filterFalsePositives.getCount(),
                    filter.openDates(),
                    filter.bytes());
        }
        super.close();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (filter != null) {
            savedFilters.update(filter.snapshot());
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        savedFilters =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "seen-id-filters",
                                        TypeInformation.of(SeenIdFilter.DatedFilter.class)));
        if (idsPerDay > 0) {
            int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
            long share = Math.max(1, (idsPerDay + subtasks - 1) / subtasks);
            filter = new SeenIdFilter(share, falsePositiveRate, retention);
        }
        if (filter != null && context.isRestored()) {
            filter.restore(savedFilters.get());
            if (!filter.trusted()) {
                LOG.warn(
                        "dedup: restored state has no Bloom filters (an older version); every"
                                + " event id is checked against the exact state until the job is"
                                + " started afresh");
            }
        }
    }
}
