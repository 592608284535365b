package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A backfill's dedup: keeps the first delivery of each {@code event_id}, keyed by {@link
 * EventIdKey} (a hash of the id) rather than by the id, so that BATCH mode sorts fixed-length keys.
 *
 * <p>The ids of one hash are kept in a list: almost always one id (and its redeliveries), more only
 * on a hash collision, which the list tells apart. BATCH mode hands each key's records over
 * together and drops the key's state after them, so the list lives for one key only. A stream keeps
 * the {@link Deduplicator}, keyed by the id itself: its state is in savepoints.
 */
public final class BatchDeduplicator extends KeyedProcessFunction<Long, Event, Event> {

    private static final long serialVersionUID = 1L;

    private transient ListState<String> ids;
    private transient RunCounter duplicates;

    @Override
    public void open(OpenContext ctx) {
        ids = getRuntimeContext().getListState(new ListStateDescriptor<>("ids", Types.STRING));
        duplicates = RunCounter.register(getRuntimeContext(), RunCounter.DUPLICATES);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        for (String seen : ids.get()) {
            if (seen.equals(e.eventId)) {
                duplicates.inc();
                return;
            }
        }
        ids.add(e.eventId);
        out.collect(e);
    }
}
