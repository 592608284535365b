package io.lakestream.pipelines.ingest;

/**
 * The last {@code size} records of one source reader, as one bit each (quarantined or not), with
 * the count of quarantined ones: a sliding window in {@code size / 8} bytes, O(1) a record.
 */
final class QuarantineWindow {

    private final long[] bits;
    private final int size;
    private int next;
    private long seen;
    private long quarantined;

    QuarantineWindow(int size) {
        this.size = size;
        this.bits = new long[(size + 63) / 64];
    }

    /** Adds a record; returns the quarantined records among the last {@code size}. */
    long add(boolean isQuarantined) {
        int word = next >>> 6;
        long mask = 1L << (next & 63);
        if (seen >= size && (bits[word] & mask) != 0) {
            quarantined--; // the record leaving the window
        }
        if (isQuarantined) {
            bits[word] |= mask;
            quarantined++;
        } else {
            bits[word] &= ~mask;
        }
        next = next + 1 == size ? 0 : next + 1;
        seen++;
        return quarantined;
    }

    /** Records in the window now: {@code size}, or fewer at the start. */
    long records() {
        return Math.min(seen, size);
    }
}
