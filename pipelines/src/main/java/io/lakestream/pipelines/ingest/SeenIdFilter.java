package io.lakestream.pipelines.ingest;

import io.lakestream.state.sketch.BloomFilterSketch;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
final class SeenIdFilter implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final long idsPerDate;
    private final double falsePositiveRate;
    private final long retentionMillis;
    private transient TreeMap<Long, BloomFilterSketch> byDate;

    /** Dates before this (epoch ms, a date start) are closed: their filters are gone. */
    private transient long closedBefore = Long.MIN_VALUE;

    /**
     * False after a restore from state written without filters (an older version): the exact state
     * then holds ids no filter has seen, so no miss proves anything.
     */
    private transient boolean trusted = true;

    /**
     * @param idsPerDate the ids one subtask expects per date (sizes each filter)
     * @param retention how long after a date's end its ids may still be redelivered
     */
    SeenIdFilter(long idsPerDate, double falsePositiveRate, Duration retention) {
        this.idsPerDate = idsPerDate;
        this.falsePositiveRate = falsePositiveRate;
        this.retentionMillis = retention.toMillis();
        start();
    }

    /** Empties the runtime state: no filters, no closed dates, trusted. Called on task start. */
    void start() {
        byDate = new TreeMap<>();
        closedBefore = Long.MIN_VALUE;
        trusted = true;
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
        BloomFilterSketch filter = filters().get(date);
        if (filter == null) {
            filter = BloomFilterSketch.forCapacity(idsPerDate, falsePositiveRate);
            filters().put(date, filter);
        }
        return filter.checkAndPut(id) ? Lookup.MAYBE_SEEN : Lookup.NEW;
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
        filters().headMap(closedBefore).clear();
    }

    /** The filters, as (date, bytes) for operator state, and a marker with the closed dates. */
    List<DatedFilter> snapshot() {
        List<DatedFilter> out = new ArrayList<>();
        out.add(new DatedFilter(closedBefore, trusted ? MARKER : UNTRUSTED));
        for (Map.Entry<Long, BloomFilterSketch> e : filters().entrySet()) {
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
            BloomFilterSketch existing = filters().get(s.date);
            if (existing == null) {
                filters().put(s.date, f);
            } else {
                existing.union(f);
            }
        }
        trusted &= marked;
        if (!trusted) {
            filters().clear();
        }
    }

    boolean trusted() {
        return trusted;
    }

    long bytes() {
        long sum = 0;
        for (BloomFilterSketch f : filters().values()) {
            sum += f.sizeBytes();
        }
        return sum;
    }

    int openDates() {
        return filters().size();
    }

    private TreeMap<Long, BloomFilterSketch> filters() {
        return byDate;
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
