package io.lakestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where one completed checkpoint spent its time, per subtask, as Flink's REST API reports it
 * ({@code /checkpoints/details/:id} and its {@code /subtasks/:vertex}): a checkpoint's duration is
 * the time its slowest subtask took to acknowledge, and that subtask's start delay (trigger to its
 * first barrier, e.g. barriers queued behind back-pressured buffers or a task busy firing timers),
 * alignment (first to last barrier of its inputs), synchronous part and asynchronous part (the
 * upload) say which of these it was. The bench reports the phase, not a guess.
 *
 * @param id the checkpoint's id
 * @param type Flink's {@code checkpoint_type}, e.g. {@code CHECKPOINT} or {@code
 *     UNALIGNED_CHECKPOINT}
 * @param subtasks every acknowledged subtask of every task
 */
public record CheckpointBreakdown(long id, String type, List<Subtask> subtasks) {

    /**
     * One subtask's acknowledgement, durations in ms.
     *
     * @param task the task's (job vertex's) name
     * @param index the subtask's index
     * @param duration trigger to this subtask's acknowledgement
     * @param startDelay trigger to the first barrier this subtask processed
     * @param alignment first to last barrier of its inputs
     * @param sync the synchronous part of its snapshot
     * @param async the asynchronous part (writing the state to the checkpoint storage)
     * @param persistedBytes in-flight data it stored (unaligned checkpoints only)
     * @param unaligned whether it took the checkpoint unaligned
     */
    public record Subtask(
            String task,
            int index,
            long duration,
            long startDelay,
            long alignment,
            long sync,
            long async,
            long persistedBytes,
            boolean unaligned) {

        /** The phase that took the longest: start delay, alignment, sync or async. */
        public String dominantPhase() {
            long max = Math.max(Math.max(startDelay, alignment), Math.max(sync, async));
            if (max == startDelay) {
                return "start delay";
            }
            if (max == alignment) {
                return "alignment";
            }
            return max == sync ? "sync" : "async";
        }
    }

    /**
     * Parses the REST answers of one checkpoint.
     *
     * @param details the {@code /jobs/:job/checkpoints/details/:id} answer
     * @param subtasksByVertex the {@code .../details/:id/subtasks/:vertex} answer of each vertex id
     * @param vertexNames each vertex id's name (from {@code /jobs/:job})
     */
    public static CheckpointBreakdown parse(
            JsonNode details,
            Map<String, JsonNode> subtasksByVertex,
            Map<String, String> vertexNames) {
        List<Subtask> subtasks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> v : subtasksByVertex.entrySet()) {
            String name = vertexNames.getOrDefault(v.getKey(), v.getKey());
            for (JsonNode s : v.getValue().path("subtasks")) {
                if (!"completed".equalsIgnoreCase(s.path("status").asText())) {
                    continue;
                }
                subtasks.add(
                        new Subtask(
                                name,
                                s.path("index").asInt(),
                                s.path("end_to_end_duration").asLong(),
                                s.path("start_delay").asLong(),
                                s.path("alignment").path("duration").asLong(),
                                s.path("checkpoint").path("sync").asLong(),
                                s.path("checkpoint").path("async").asLong(),
                                s.path("alignment").path("persisted").asLong(),
                                s.path("unaligned_checkpoint").asBoolean()));
            }
        }
        subtasks.sort(Comparator.comparing(Subtask::task).thenComparingInt(Subtask::index));
        return new CheckpointBreakdown(
                details.path("id").asLong(), details.path("checkpoint_type").asText(), subtasks);
    }

    /** The vertex ids of a {@code details} answer, to ask for their subtasks. */
    public static List<String> vertexIds(JsonNode details) {
        List<String> ids = new ArrayList<>();
        for (Iterator<String> it = details.path("tasks").fieldNames(); it.hasNext(); ) {
            ids.add(it.next());
        }
        return ids;
    }

    /** The subtask that acknowledged last: the one the checkpoint waited for. */
    public Subtask slowest() {
        return subtasks.stream()
                .max(Comparator.comparingLong(Subtask::duration))
                .orElseThrow(() -> new IllegalStateException("checkpoint " + id + ": no subtask"));
    }

    /** Whether any subtask stored in-flight data, i.e. took the checkpoint unaligned. */
    public boolean anyUnaligned() {
        return subtasks.stream().anyMatch(Subtask::unaligned);
    }
}
