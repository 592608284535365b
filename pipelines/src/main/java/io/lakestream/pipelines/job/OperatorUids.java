package io.lakestream.pipelines.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * Refuses a job with an operator that has no explicit uid. Flink derives a missing uid from the
 * graph's shape, so adding an operator anywhere would silently orphan the state of others on the
 * next restore from a savepoint; with every uid set, savepoints survive changes to the job.
 */
public final class OperatorUids {

    private OperatorUids() {}

    /**
     * @throws IllegalStateException naming every operator of {@code graph} without a uid
     */
    public static void requireAll(StreamGraph graph) {
        List<String> missing = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                missing.add(node.getOperatorName());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "operators without a uid (savepoints would not survive a change to the job): "
                            + String.join(", ", missing));
        }
    }
}
