package io.lakestream.pipelines.ingest;

/**
 * A 64-bit hash of an {@code event_id}: the key a backfill's dedup sorts by.
 *
 * <p>In BATCH mode Flink sorts each keyed input by the serialized key and the timestamp, comparing
 * first an 8-byte normalized prefix of the key (Flink's {@code NormalizedKeySorter} allows 8 bytes
 * per key field) and, on every tie of that prefix, the records byte by byte from the sort pages.
 * Event ids that share a prefix (a producer's name, a date, the generator's {@code e-<run>-}) tie
 * on every comparison, and the dedup sort was the largest single cost of a lake backfill (JFR). The
 * 8-byte prefix of a {@code long} key is the whole key: records are read only when two hashes are
 * equal, i.e. for redeliveries of an id. Different ids may share a hash; {@link BatchDeduplicator}
 * tells them apart, so a collision costs a comparison, never an event.
 */
public final class EventIdKey {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private EventIdKey() {}

    /** FNV-1a over the id's UTF-16 chars, then a 64-bit finalizer to spread the bits. */
    public static long of(String eventId) {
        long h = FNV_OFFSET;
        for (int i = 0; i < eventId.length(); i++) {
            h = (h ^ eventId.charAt(i)) * FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
