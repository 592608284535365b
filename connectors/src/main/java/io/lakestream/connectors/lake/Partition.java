package io.lakestream.connectors.lake;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Hive-style partition of a lake table: {@code date=YYYY-MM-DD} and, for hourly tables, {@code
 * hour=HH}. All times are UTC.
 *
 * <p>A partition is a half-open event-time interval {@code [start, end)}; a streaming run commits
 * it once the watermark has passed {@link #endMillis()}.
 */
public final class Partition implements Comparable<Partition>, Serializable {

    private static final long serialVersionUID = 1L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;
    private static final Pattern PATH =
            Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})(?:/hour=(\\d{2}))?/?");

    private final LocalDate date;
    private final int hour; // -1 for daily partitions

    private Partition(LocalDate date, int hour) {
        this.date = Objects.requireNonNull(date, "date");
        if (hour < -1 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, was " + hour);
        }
        this.hour = hour;
    }

    public static Partition daily(LocalDate date) {
        return new Partition(date, -1);
    }

    public static Partition hourly(LocalDate date, int hour) {
        return new Partition(date, hour);
    }

    /** The partition of {@code scheme} that holds the instant {@code epochMillis}. */
    public static Partition of(PartitionScheme scheme, long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY_MS);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (scheme == PartitionScheme.DATE) {
            return daily(date);
        }
        int hour = (int) (Math.floorMod(epochMillis, DAY_MS) / HOUR_MS);
        return hourly(date, hour);
    }

    /** Parses a relative path such as {@code date=2026-11-20/hour=07}. */
    public static Partition parse(String relativePath) {
        Matcher m = PATH.matcher(relativePath);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a partition path (date=YYYY-MM-DD[/hour=HH]): " + relativePath);
        }
        LocalDate date = LocalDate.parse(m.group(1));
        return m.group(2) == null ? daily(date) : hourly(date, Integer.parseInt(m.group(2)));
    }

    public LocalDate date() {
        return date;
    }

    /** The hour 0..23, or -1 for a daily partition. */
    public int hour() {
        return hour;
    }

    public boolean isHourly() {
        return hour >= 0;
    }

    public long startMillis() {
        long dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return isHourly() ? dayStart + hour * HOUR_MS : dayStart;
    }

    /** Exclusive end of the partition's event-time interval. */
    public long endMillis() {
        return startMillis() + (isHourly() ? HOUR_MS : DAY_MS);
    }

    /** The relative path, e.g. {@code date=2026-11-20/hour=07}. */
    public String path() {
        return isHourly() ? String.format("date=%s/hour=%02d", date, hour) : "date=" + date;
    }

    @Override
    public int compareTo(Partition o) {
        int c = date.compareTo(o.date);
        return c != 0 ? c : Integer.compare(hour, o.hour);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partition
                && ((Partition) o).date.equals(date)
                && ((Partition) o).hour == hour;
    }

    @Override
    public int hashCode() {
        return date.hashCode() * 31 + hour;
    }

    @Override
    public String toString() {
        return path();
    }
}
