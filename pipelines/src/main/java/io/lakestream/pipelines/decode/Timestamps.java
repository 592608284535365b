package io.lakestream.pipelines.decode;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the contract's timestamp format, {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC, exactly three
 * millisecond digits), by hand: it is on every event's path, and {@code Instant.parse} both
 * allocates and accepts more than the contract allows.
 */
public final class Timestamps {

    /** Returned for a string that is not in the format. */
    public static final long INVALID = Long.MIN_VALUE + 1;

    /** Marks an event without a {@code ts}. */
    public static final long ABSENT = Long.MIN_VALUE;

    private Timestamps() {}

    public static long parse(String s) {
        if (s.length() != 24
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(19) != '.'
                || s.charAt(23) != 'Z') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = digits(s, 20, 3);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || millis < 0) {
            return INVALID;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return INVALID;
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
