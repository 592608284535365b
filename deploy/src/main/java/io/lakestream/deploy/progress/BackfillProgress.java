package io.lakestream.deploy.progress;

import io.lakestream.connectors.kafka.ReplayPlan;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka backfill's progress against its {@link ReplayPlan}: per partition (one source split), the
 * offsets consumed of {@code [start, end)}, and in total; the rate since the job started and the
 * time left at that rate. Pure: the text of a line is a function of the plan, the offsets observed
 * and the time elapsed.
 */
public final class BackfillProgress {

    private static final int BAR_WIDTH = 24;

    private final String topic;
    private final TreeMap<Integer, long[]> ranges = new TreeMap<>();
    private final long total;

    public BackfillProgress(ReplayPlan plan) {
        this.topic = plan.topic();
        Map<TopicPartition, Long> ends = plan.endOffsets();
        plan.startOffsets()
                .forEach(
                        (tp, start) ->
                                ranges.put(tp.partition(), new long[] {start, ends.get(tp)}));
        this.total = plan.records();
    }

    public String topic() {
        return topic;
    }

    /** The offsets planned, over all partitions. */
    public long total() {
        return total;
    }

    /**
     * Where the backfill stands.
     *
     * @param currentOffsets per partition, the offset of the last record read (Kafka's source
     *     reader metric {@code currentOffset}); a partition not named has read nothing yet
     * @param elapsedMillis since the job was submitted
     */
    public Snapshot snapshot(Map<Integer, Long> currentOffsets, long elapsedMillis) {
        Map<Integer, long[]> perPartition = new LinkedHashMap<>();
        long done = 0;
        for (Map.Entry<Integer, long[]> e : ranges.entrySet()) {
            long start = e.getValue()[0];
            long end = e.getValue()[1];
            Long current = currentOffsets.get(e.getKey());
            long consumed =
                    current == null || current < 0
                            ? 0
                            : Math.max(0, Math.min(end, current + 1) - start);
            perPartition.put(e.getKey(), new long[] {consumed, end - start});
            done += consumed;
        }
        return new Snapshot(done, total, perPartition, elapsedMillis);
    }

    /** Every partition read to its planned end: what a backfill that finished has consumed. */
    public Snapshot complete(long elapsedMillis) {
        Map<Integer, Long> ends = new TreeMap<>();
        ranges.forEach((p, r) -> ends.put(p, r[1] - 1));
        return snapshot(ends, elapsedMillis);
    }

    /** A backfill's state at one moment. */
    public record Snapshot(
            long done, long total, Map<Integer, long[]> perPartition, long elapsedMillis) {

        /** Records (offsets) per second since the start; 0 before anything was read. */
        public double rate() {
            return elapsedMillis <= 0 ? 0 : done * 1000.0 / elapsedMillis;
        }

        /** Seconds left at the rate so far, or -1 when there is no rate yet. */
        public long etaSeconds() {
            if (done >= total) {
                return 0;
            }
            if (done <= 0 || elapsedMillis <= 0) {
                return -1;
            }
            // (total - done) / (done / elapsed), rounded up to the second, in exact arithmetic
            long perMillis = done * 1000;
            return ((total - done) * elapsedMillis + perMillis - 1) / perMillis;
        }

        public double percent() {
            return total == 0 ? 100.0 : done * 100.0 / total;
        }

        /**
         * A plain line, e.g. {@code progress: 2,000/4,000 offsets (50.0%) | p0 500/1,000 p1
         * 1,500/3,000 | 100 rec/s | ETA 0:20 | elapsed 0:20}.
         */
        public String line() {
            StringBuilder splits = new StringBuilder();
            perPartition.forEach(
                    (p, c) ->
                            splits.append(splits.length() == 0 ? "" : " ")
                                    .append(
                                            String.format(
                                                    Locale.ROOT, "p%d %,d/%,d", p, c[0], c[1])));
            return String.format(
                    Locale.ROOT,
                    "progress: %,d/%,d offsets (%.1f%%) | %s | %,d rec/s | ETA %s | elapsed %s",
                    done,
                    total,
                    percent(),
                    splits,
                    Math.round(rate()),
                    eta(),
                    clock(elapsedMillis / 1000));
        }

        /**
         * A line for a terminal, redrawn in place, e.g. {@code [############------------] 50.0%
         * 2,000/4,000 | p0 50% p1 50% | 100 rec/s | ETA 0:20}.
         */
        public String bar() {
            int filled = (int) Math.min(BAR_WIDTH, Math.floor(percent() * BAR_WIDTH / 100.0));
            StringBuilder splits = new StringBuilder();
            perPartition.forEach(
                    (p, c) ->
                            splits.append(splits.length() == 0 ? "" : " ")
                                    .append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "p%d %d%%",
                                                    p,
                                                    c[1] == 0 ? 100 : c[0] * 100 / c[1])));
            return String.format(
                    Locale.ROOT,
                    "[%s%s] %5.1f%% %,d/%,d | %s | %,d rec/s | ETA %s",
                    "#".repeat(filled),
                    "-".repeat(BAR_WIDTH - filled),
                    percent(),
                    done,
                    total,
                    splits,
                    Math.round(rate()),
                    eta());
        }

        /**
         * The last line of a backfill that finished, e.g. {@code progress: 4,000/4,000 offsets
         * (100.0%) read in 0:40, 100 rec/s}.
         */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "progress: %,d/%,d offsets (%.1f%%) read in %s, %,d rec/s",
                    done,
                    total,
                    percent(),
                    clock(elapsedMillis / 1000),
                    Math.round(rate()));
        }

        private String eta() {
            long s = etaSeconds();
            return s < 0 ? "?" : clock(s);
        }
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
