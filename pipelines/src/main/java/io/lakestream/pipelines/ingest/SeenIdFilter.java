package io.lakestream.pipelines.ingest;

import io.lakestream.state.sketch.BloomFilterSketch;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bloom-filter front of {@link Deduplicator}: one filter per event date, in a subtask's heap,
 * holding every event id that subtask has let through for that date. A miss proves the id is new,
 * so the exact keyed state need not be read (the common case: most events are not duplicates); a
 * hit may be a false positive and is confirmed against the exact state. So a Bloom filter never
 * drops an event, and a full or undersized filter only costs more state reads.
 *
 * <p>A date's filter is dropped once the watermark is {@code retention} past the date's end — after
 * that, ids of the date are checked against the exact state only. Filters are checkpointed as union
 * list state: after a rescale every subtask gets every filter and unions those of a date, a
 * superset of the ids of the key groups it now owns, so a miss still proves the id is new.
 */
final class SeenIdFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SeenIdFilter.class);

    private static final long DAY = Duration.ofDays(1).toMillis();

    private final long idsPerDate;
    private final double falsePositiveRate;
    private final long retentionMillis;
    private final TreeMap<Long, BloomFilterSketch> byDate = new TreeMap<>();

    /** How many lookups between two looks at how full the filters are. */
    static final int FULLNESS_CHECK_EVERY = 1 << 16;

    private int lookupsSinceCheck;

    /** Dates whose filter was found fuller than it was sized for, and said so. */
    private final Set<Long> warnedFull = new HashSet<>();

    /** Dates before this (epoch ms, a date start) are closed: their filters are gone. */
    private long closedBefore = Long.MIN_VALUE;

    /**
     * False after a restore from state written without filters (an older version): the exact state
     * then holds ids no filter has seen, so no miss proves anything.
     */
    private boolean trusted = true;

    /**
     * @param idsPerDate the ids one subtask expects per date (sizes each filter)
     * @param retention how long after a date's end its ids may still be redelivered
     */
    SeenIdFilter(long idsPerDate, double falsePositiveRate, Duration retention) {
        this.idsPerDate = idsPerDate;
        this.falsePositiveRate = falsePositiveRate;
        this.retentionMillis = retention.toMillis();
    }

    /** What a lookup found. */
    enum Lookup {
        /** The id was never recorded for its date: it is new. */
        NEW,
        /** The id may have been recorded (or it is a false positive): check the exact state. */
        MAYBE_SEEN,
        /** The filter does not track the id's date (closed, or the filter is off): check. */
        UNTRACKED
    }

    /**
     * Looks {@code id} up in the filter of its date and records it there. Returns {@link
     * Lookup#NEW} only when the filter proves the id is new.
     */
    Lookup checkAndRecord(String id, long eventTime) {
        long date = Math.floorDiv(eventTime, DAY) * DAY;
        if (!trusted || date < closedBefore) {
            return Lookup.UNTRACKED;
        }
        BloomFilterSketch filter = byDate.get(date);
        if (filter == null) {
            filter = BloomFilterSketch.forCapacity(idsPerDate, falsePositiveRate);
            byDate.put(date, filter);
        }
        if (++lookupsSinceCheck >= FULLNESS_CHECK_EVERY) {
            lookupsSinceCheck = 0;
            warnIfFull();
        }
        return filter.checkAndPut(id) ? Lookup.MAYBE_SEEN : Lookup.NEW;
    }

    /** The dates whose filter was found fuller than it was sized for (and logged). */
    Set<Long> datesPastSize() {
        return Set.copyOf(warnedFull);
    }

    /**
     * Logs once per date when its filter holds more ids than it was sized for: past that, more and
     * more new ids look "maybe seen" and need a state read, which slows a stream down a lot (with
     * RocksDB, reads of a large state) though it never changes a result. A filter sized for its
     * capacity has about half its bits set when full.
     */
    private void warnIfFull() {
        for (Map.Entry<Long, BloomFilterSketch> e : byDate.entrySet()) {
            BloomFilterSketch f = e.getValue();
            if (f.bitsUsed() * 2 > f.capacityBits() && warnedFull.add(e.getKey())) {
                LOG.warn(
                        "dedup: the Bloom filter of {} holds more event ids than the {} per"
                                + " subtask it was sized for; new ids now often need a state read"
                                + " (slower, never wrong). Raise state.dedup-ids-per-day"
                                + " (--dedup-ids-per-day) to about the topic's ids per day.",
                        LocalDate.ofEpochDay(Math.floorDiv(e.getKey(), DAY)),
                        idsPerDate);
            }
        }
    }

    /**
     * Closes the dates that no redelivery can reach any more (their end is {@code retention} behind
     * the watermark) and drops their filters. Closed dates stay closed across restarts, when the
     * watermark starts again from nothing.
     */
    void rotate(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long closed = Math.floorDiv(watermark - retentionMillis, DAY) * DAY;
        if (closed <= closedBefore) {
            return;
        }
        closedBefore = closed;
        byDate.headMap(closedBefore).clear();
        warnedFull.removeIf(date -> date < closedBefore);
    }

    /** The filters, as (date, bytes) for operator state, and a marker with the closed dates. */
    List<DatedFilter> snapshot() {
        List<DatedFilter> out = new ArrayList<>();
        out.add(new DatedFilter(closedBefore, trusted ? MARKER : UNTRUSTED));
        for (Map.Entry<Long, BloomFilterSketch> e : byDate.entrySet()) {
            out.add(new DatedFilter(e.getKey(), e.getValue().toBytes()));
        }
        return out;
    }

    /**
     * Restores filters; those of the same date (from several old subtasks) are unioned. State
     * without a marker predates the filters: the filter then stays off (every id is checked against
     * the exact state) until the job is started from scratch.
     */
    void restore(Iterable<DatedFilter> saved) {
        boolean marked = false;
        for (DatedFilter s : saved) {
            if (s.bytes.length <= 1) {
                marked = true;
                trusted &= s.bytes.length == MARKER.length;
                closedBefore = Math.max(closedBefore, s.date);
                continue;
            }
            BloomFilterSketch f = BloomFilterSketch.fromBytes(s.bytes);
            BloomFilterSketch existing = byDate.get(s.date);
            if (existing == null) {
                byDate.put(s.date, f);
            } else if (existing.capacityBits() == f.capacityBits()) {
                existing.union(f);
            } else {
                // filters of one date sized differently (several rescales): not comparable, so
                // the front stays off rather than trust a partial filter
                trusted = false;
            }
        }
        trusted &= marked;
        if (!trusted) {
            byDate.clear();
        }
    }

    boolean trusted() {
        return trusted;
    }

    long bytes() {
        long sum = 0;
        for (BloomFilterSketch f : byDate.values()) {
            sum += f.sizeBytes();
        }
        return sum;
    }

    int openDates() {
        return byDate.size();
    }

    private static final byte[] MARKER = new byte[0];
    private static final byte[] UNTRUSTED = new byte[1];

    /** One date's filter in a checkpoint. A Flink POJO. */
    public static class DatedFilter {
        public long date;
        public byte[] bytes;

        public DatedFilter() {}

        DatedFilter(long date, byte[] bytes) {
            this.date = date;
            this.bytes = bytes;
        }
    }
}
