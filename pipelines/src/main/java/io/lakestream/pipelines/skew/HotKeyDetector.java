package io.lakestream.pipelines.skew;

import io.lakestream.state.sketch.FrequentItemsSketch;
import java.util.HashSet;
import java.util.Set;

/**
 * Flags the hot keys of one subtask's records with a heavy-hitter sketch ({@link
 * FrequentItemsSketch}, DataSketches' Misra-Gries): a key is hot once its estimated count is at
 * least {@code 1 / (4 * parallelism)} of the records seen, after a warm-up of {@link #WARM_UP}
 * records. A key below that share adds at most a quarter of the mean to the subtask it hashes to,
 * so only the flagged keys need salting for no subtask to reach twice the mean.
 *
 * <p>The sketch's error is at most {@code 3.5 / }{@link #MAP_SIZE} of the records seen (0.34 %),
 * well below the threshold up to a parallelism of about 64; its few kilobytes stay on the heap of
 * the subtask and are not checkpointed: a restarted subtask flags its hot keys again, which every
 * user of a flag must tolerate. A key once flagged stays hot, so a key's records never move back.
 * Not thread-safe.
 */
public final class HotKeyDetector {

    /** Counters of the sketch: memory in the kilobytes, error below 0.4 % of the records seen. */
    static final int MAP_SIZE = 1024;

    /** Records seen before any key can be flagged: the first records say nothing about shares. */
    public static final long WARM_UP = 2_000;

    /** What {@link #observe} learnt about a key. */
    public enum Heat {
        COLD,
        /** Flagged by this record. */
        NEWLY_HOT,
        HOT
    }

    private final FrequentItemsSketch sketch = new FrequentItemsSketch(MAP_SIZE);
    private final Set<String> hot = new HashSet<>();
    private final double share;

    /** A detector for keys shuffled over {@code parallelism} subtasks. */
    public HotKeyDetector(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
        }
        this.share = 1.0 / (4 * parallelism);
    }

    /** Counts one record of {@code key} and says whether the key is hot. */
    public Heat observe(String key) {
        sketch.update(key);
        if (hot.contains(key)) {
            return Heat.HOT;
        }
        long seen = sketch.streamLength();
        if (seen >= WARM_UP && sketch.estimate(key) >= share * seen) {
            hot.add(key);
            return Heat.NEWLY_HOT;
        }
        return Heat.COLD;
    }

    /** The share of the records a key must reach to be flagged. */
    public double threshold() {
        return share;
    }
}
