package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.Country;
import io.lakestream.pipelines.model.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds region and currency from the country table, held in Flink broadcast state: every subtask has
 * the whole (small) table, so the examples stay where they are (no shuffle).
 *
 * <p>The table arrives as a bounded broadcast stream ending with {@link CountryTable#END}. Examples
 * that arrive before the end of the table (a stream gives no order between two inputs; a BATCH job
 * reads the broadcast side first) wait in checkpointed operator state and go out when it ends. An
 * example whose country is absent or not in the table gets null region and currency.
 */
public final class CountryEnrichment
        extends BroadcastProcessFunction<TrainingExample, Country, TrainingExample>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, Country> COUNTRIES =
            new MapStateDescriptor<>("countries", Types.STRING, TypeInformation.of(Country.class));

    private transient List<TrainingExample> waiting;
    private transient ListState<TrainingExample> waitingState;

    @Override
    public void processElement(
            TrainingExample e, ReadOnlyContext ctx, Collector<TrainingExample> out)
            throws Exception {
        ReadOnlyBroadcastState<String, Country> table = ctx.getBroadcastState(COUNTRIES);
        if (!table.contains(CountryTable.END.code)) {
            waiting.add(e.copy()); // jobs run with object reuse
            return;
        }
        flush(table, out);
        out.collect(enrich(e, table));
    }

    @Override
    public void processBroadcastElement(Country c, Context ctx, Collector<TrainingExample> out)
            throws Exception {
        BroadcastState<String, Country> table = ctx.getBroadcastState(COUNTRIES);
        table.put(c.code, c);
        if (CountryTable.END.code.equals(c.code)) {
            flush(table, out);
        }
    }

    private void flush(
            ReadOnlyBroadcastState<String, Country> table, Collector<TrainingExample> out)
            throws Exception {
        if (waiting.isEmpty()) {
            return;
        }
        for (TrainingExample e : waiting) {
            out.collect(enrich(e, table));
        }
        waiting.clear();
    }

    private static TrainingExample enrich(
            TrainingExample e, ReadOnlyBroadcastState<String, Country> table) throws Exception {
        Country c = e.country == null ? null : table.get(e.country);
        if (c != null && !CountryTable.END.code.equals(c.code)) {
            e.region = c.region;
            e.currency = c.currency;
        }
        return e;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        waitingState.update(waiting);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        waitingState =
                ctx.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "examples-before-table",
                                        TypeInformation.of(TrainingExample.class)));
        waiting = new ArrayList<>();
        for (TrainingExample e : waitingState.get()) {
            waiting.add(e);
        }
    }
}
