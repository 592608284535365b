package io.lakestream.pipelines.skew;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Counts the keys a stage's {@link HotKeyDetector}s flag, as a Flink accumulator {@code
 * hot-keys|<stage>} summed over the subtasks (each subtask flags a hot key once): the run's summary
 * shows whether salting happened.
 */
public final class HotKeyFlags {

    static final String PREFIX = "hot-keys|";

    private final LongCounter flags = new LongCounter();

    private HotKeyFlags(RuntimeContext ctx, String stage) {
        ctx.addAccumulator(PREFIX + stage, flags);
    }

    /** Registers the counter of this subtask in {@code stage}; call from {@code open}. */
    public static HotKeyFlags register(RuntimeContext ctx, String stage) {
        return new HotKeyFlags(ctx, stage);
    }

    /** Counts one key flagged by this subtask. */
    public void flagged() {
        flags.add(1L);
    }

    /** The flags per stage in a job's accumulator results (other accumulators are ignored). */
    public static Map<String, Long> of(Map<String, Object> accumulators) {
        Map<String, Long> flags = new TreeMap<>();
        accumulators.forEach(
                (name, value) -> {
                    if (name.startsWith(PREFIX) && value instanceof Number n) {
                        flags.put(name.substring(PREFIX.length()), n.longValue());
                    }
                });
        return flags;
    }
}
