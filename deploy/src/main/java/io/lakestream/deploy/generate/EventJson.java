package io.lakestream.deploy.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Writes event values as JSON by hand into a reused ASCII buffer: ids are alphanumeric, so no
 * escaping is needed, and this is several times faster than an object mapper at 10M events. Also
 * writes the near-miss variants (one field replaced or left out) that malformed records need.
 */
final class EventJson {
    private static final long DAY_MILLIS = 86_400_000L;

    private byte[] buf = new byte[512];
    private int pos;
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate;

    /** The contract-conforming value of {@code e}, with an extra {@code session} if non-null. */
    byte[] value(GeneratedEvent e, String session) {
        write(e, session, null, null);
        return Arrays.copyOf(buf, pos);
    }

    /**
     * The JSON of {@code e}, except that {@code field} is written as the raw JSON text {@code raw}
     * (even if {@code e} has no such field), or left out when {@code raw} is null.
     */
    String json(GeneratedEvent e, String session, String field, String raw) {
        write(e, session, field, raw);
        return new String(buf, 0, pos, StandardCharsets.ISO_8859_1);
    }

    /** {@code ts} as the contract writes it: {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    String ts(long millis) {
        pos = 0;
        appendTs(millis);
        return new String(buf, 0, pos, StandardCharsets.ISO_8859_1);
    }

    /** A non-negative amount with exactly two decimals, e.g. {@code 12.30}. */
    static String decimal(double amount) {
        long cents = Math.round(amount * 100);
        long frac = cents % 100;
        return (cents / 100) + (frac < 10 ? ".0" : ".") + frac;
    }

    private void write(GeneratedEvent e, String session, String field, String raw) {
        pos = 0;
        put('{');
        text("event_id", e.eventId(), field, raw);
        text("user_id", e.userId(), field, raw);
        text("item_id", e.itemId(), field, raw);
        text("event_type", e.eventType(), field, raw);
        if ("ts".equals(field)) {
            override("ts", raw);
        } else {
            name("ts");
            put('"');
            appendTs(e.tsMillis());
            put('"');
        }
        text("country", e.country(), field, raw);
        text("device", e.device(), field, raw);
        if ("price".equals(field)) {
            override("price", raw);
        } else if (e.price() != null) {
            name("price");
            ascii(decimal(e.price()));
        }
        if ("age".equals(field)) {
            override("age", raw);
        } else if (e.age() != null) {
            name("age");
            number(e.age(), 1);
        }
        text("session", session, field, raw);
        put('}');
    }

    private void text(String name, String value, String field, String raw) {
        if (name.equals(field)) {
            override(name, raw);
        } else if (value != null) {
            name(name);
            put('"');
            ascii(value);
            put('"');
        }
    }

    private void override(String name, String raw) {
        if (raw != null) {
            name(name);
            ascii(raw);
        }
    }

    private void name(String name) {
        if (pos > 1) {
            put(',');
        }
        put('"');
        ascii(name);
        put('"');
        put(':');
    }

    private void appendTs(long millis) {
        long day = Math.floorDiv(millis, DAY_MILLIS);
        if (day != cachedDay) {
            cachedDate = LocalDate.ofEpochDay(day).toString();
            cachedDay = day;
        }
        int ms = (int) Math.floorMod(millis, DAY_MILLIS);
        ascii(cachedDate);
        put('T');
        number(ms / 3_600_000, 2);
        put(':');
        number(ms / 60_000 % 60, 2);
        put(':');
        number(ms / 1000 % 60, 2);
        put('.');
        number(ms % 1000, 3);
        put('Z');
    }

    /** Writes {@code v >= 0} in decimal, zero-padded to at least {@code width} digits. */
    private void number(long v, int width) {
        int digits = 1;
        for (long t = v / 10; t > 0; t /= 10) {
            digits++;
        }
        digits = Math.max(digits, width);
        ensure(digits);
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += digits;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            // raw texts of malformed records may contain a NUL marker, never non-ASCII
            buf[pos + i] = (byte) s.charAt(i);
        }
        pos += n;
    }

    private void put(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
