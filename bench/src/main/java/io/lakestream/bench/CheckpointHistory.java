package io.lakestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every completed checkpoint of a job, collected from repeated reads of its REST {@code
 * /checkpoints} (whose history holds only the latest few), and the restore of a failover.
 */
public final class CheckpointHistory {

    /**
     * One completed checkpoint as Flink reports it.
     *
     * @param triggerMillis when it was triggered, epoch ms
     * @param durationMillis trigger to completion
     * @param stateSize the full size of the state it covers
     * @param checkpointedSize what this checkpoint wrote (less than the full size when incremental)
     */
    public record Completed(
            long id,
            long triggerMillis,
            long durationMillis,
            long stateSize,
            long checkpointedSize) {

        /** When it completed, epoch ms. */
        public long completedMillis() {
            return triggerMillis + durationMillis;
        }
    }

    /**
     * A checkpoint that was triggered but did not complete (aborted by a failover, declined,
     * expired).
     *
     * @param triggerMillis when it was triggered, epoch ms
     * @param failureMillis when it was given up, epoch ms
     * @param message Flink's reason
     */
    public record Failed(long id, long triggerMillis, long failureMillis, String message) {}

    private final TreeMap<Long, Completed> completed = new TreeMap<>();
    private final TreeMap<Long, Failed> failed = new TreeMap<>();
    private long restoredId = -1;
    private long restoreMillis;

    /** Adds what one {@code /checkpoints} answer shows. */
    public synchronized void add(JsonNode answer) {
        for (JsonNode c : answer.path("history")) {
            if ("COMPLETED".equals(c.path("status").asText())) {
                completed.put(c.path("id").asLong(), completed(c));
            } else if ("FAILED".equals(c.path("status").asText())) {
                failed.put(
                        c.path("id").asLong(),
                        new Failed(
                                c.path("id").asLong(),
                                c.path("trigger_timestamp").asLong(),
                                c.path("failure_timestamp").asLong(),
                                c.path("failure_message").asText("")));
            }
        }
        JsonNode latest = answer.path("latest").path("completed");
        if (latest.isObject()) {
            completed.put(latest.path("id").asLong(), completed(latest));
        }
        JsonNode restored = answer.path("latest").path("restored");
        if (restored.isObject()) {
            restoredId = restored.path("id").asLong();
            restoreMillis = restored.path("restore_timestamp").asLong();
        }
    }

    private static Completed completed(JsonNode c) {
        return new Completed(
                c.path("id").asLong(),
                c.path("trigger_timestamp").asLong(),
                c.path("end_to_end_duration").asLong(),
                c.path("state_size").asLong(),
                c.path("checkpointed_size").asLong());
    }

    public synchronized List<Completed> completed() {
        return new ArrayList<>(completed.values());
    }

    /** The checkpoints that were triggered and failed, by id. */
    public synchronized List<Failed> failed() {
        return new ArrayList<>(failed.values());
    }

    /** The latest completed checkpoint, if any. */
    public synchronized Optional<Completed> latest() {
        return completed.isEmpty()
                ? Optional.empty()
                : Optional.of(completed.lastEntry().getValue());
    }

    /** The id of the checkpoint the job last restored from, or -1 if it never restored. */
    public synchronized long restoredId() {
        return restoredId;
    }

    /** When the job last restored, epoch ms (0 if it never did). */
    public synchronized long restoreMillis() {
        return restoreMillis;
    }

    /** The first checkpoint triggered at or after {@code millis}, if one has completed. */
    public synchronized Optional<Completed> firstTriggeredFrom(long millis) {
        return completed.values().stream().filter(c -> c.triggerMillis() >= millis).findFirst();
    }

    /** The {@code q}-quantile (0..1) of the completed checkpoints' durations, nearest rank. */
    public synchronized long durationQuantile(double q) {
        return quantile(completed.values(), q);
    }

    /**
     * The {@code q}-quantile (0..1), nearest rank, of the durations of {@code checkpoints}, or -1
     * if there are none.
     */
    public static long quantile(Collection<Completed> checkpoints, double q) {
        long[] d = checkpoints.stream().mapToLong(Completed::durationMillis).sorted().toArray();
        if (d.length == 0) {
            return -1;
        }
        return d[Math.min(d.length - 1, Math.max(0, (int) Math.ceil(q * d.length) - 1))];
    }
}
