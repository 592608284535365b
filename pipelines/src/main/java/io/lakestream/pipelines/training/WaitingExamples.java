package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Examples of a key kept in keyed state until an event-time timer completes them, by the timer's
 * time. Stores copies: jobs run with object reuse.
 */
final class WaitingExamples {

    private final MapState<Long, List<TrainingExample>> byTime;

    private WaitingExamples(MapState<Long, List<TrainingExample>> byTime) {
        this.byTime = byTime;
    }

    /** The keyed state {@code name} of the function's runtime context; call from {@code open}. */
    static WaitingExamples in(RuntimeContext ctx, String name) {
        return new WaitingExamples(
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                name,
                                Types.LONG,
                                Types.LIST(TypeInformation.of(TrainingExample.class)))));
    }

    /** Keeps a copy of {@code e} until {@code time}. */
    void add(long time, TrainingExample e) throws Exception {
        List<TrainingExample> at = byTime.get(time);
        if (at == null) {
            at = new ArrayList<>(1);
        }
        at.add(e.copy());
        byTime.put(time, at);
    }

    /** The examples kept until {@code time}, removed from state; empty if none. */
    List<TrainingExample> take(long time) throws Exception {
        List<TrainingExample> due = byTime.get(time);
        if (due == null) {
            return List.of();
        }
        byTime.remove(time);
        return due;
    }
}
