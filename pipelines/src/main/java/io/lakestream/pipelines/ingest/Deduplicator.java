package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.Event;
import io.lakestream.state.StateSettings;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the first delivery of each {@code event_id} and drops the others (producers may deliver an
 * event more than once; it counts once). Keyed by event id; the seen-flag lives in keyed state with
 * a TTL of at least max-delay + lookback, so a redelivery within that horizon is caught, and it is
 * checkpointed, so a restart does not let a duplicate through.
 */
public final class Deduplicator extends KeyedProcessFunction<String, Event, Event> {

    private static final long serialVersionUID = 1L;

    private final Duration retention;
    private transient ValueState<Boolean> seen;
    private transient RunCounter duplicates;

    public Deduplicator(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        d.enableTimeToLive(StateSettings.ttl(retention));
        seen = getRuntimeContext().getState(d);
        duplicates = RunCounter.register(getRuntimeContext(), RunCounter.DUPLICATES);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(e);
    }
}
