package io.lakestream.pipelines.skew;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Counts the records a keyed stage processes per subtask, as Flink accumulators named {@code
 * load|<stage>|<subtask>}: the run's summary shows them, so skew is visible in every run (max over
 * mean), not only in the web UI. Operators that share a stage (a key's home and its salted
 * sub-keys) add up per subtask index. The count is a field increment per record.
 */
public final class SubtaskLoad {

    static final String PREFIX = "load|";

    private final LongCounter records = new LongCounter();

    private SubtaskLoad(RuntimeContext ctx, String stage) {
        ctx.addAccumulator(
                PREFIX + stage + "|" + ctx.getTaskInfo().getIndexOfThisSubtask(), records);
    }

    /** Registers the counter of this subtask in {@code stage}; call from {@code open}. */
    public static SubtaskLoad register(RuntimeContext ctx, String stage) {
        return new SubtaskLoad(ctx, stage);
    }

    /** Counts one record. */
    public void count() {
        records.add(1L);
    }

    /**
     * The counts per stage and subtask in a job's accumulator results (other accumulators are
     * ignored); a subtask that counted nothing has 0.
     */
    public static Map<String, long[]> of(Map<String, Object> accumulators) {
        Map<String, Map<Integer, Long>> byStage = new TreeMap<>();
        int[] parallelism = {0};
        accumulators.forEach(
                (name, value) -> {
                    if (!name.startsWith(PREFIX) || !(value instanceof Number n)) {
                        return;
                    }
                    int bar = name.lastIndexOf('|');
                    String stage = name.substring(PREFIX.length(), bar);
                    int subtask = Integer.parseInt(name.substring(bar + 1));
                    parallelism[0] = Math.max(parallelism[0], subtask + 1);
                    byStage.computeIfAbsent(stage, s -> new TreeMap<>())
                            .merge(subtask, n.longValue(), Long::sum);
                });
        Map<String, long[]> loads = new TreeMap<>();
        byStage.forEach(
                (stage, counts) -> {
                    long[] perSubtask = new long[parallelism[0]];
                    counts.forEach((i, n) -> perSubtask[i] = n);
                    loads.put(stage, perSubtask);
                });
        return loads;
    }

    /** The largest count over the mean; 1 when balanced, 0 for no records. */
    public static double maxOverMean(long[] perSubtask) {
        long max = 0;
        long sum = 0;
        for (long n : perSubtask) {
            max = Math.max(max, n);
            sum += n;
        }
        return sum == 0 ? 0 : (double) max * perSubtask.length / sum;
    }
}
