package io.lakestream.job.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as ISO-8601 ({@code PT10M}, {@code P2D}) or as Flink writes them ({@code 10 min}). */
final class Durations {

    private static final Pattern FLINK_STYLE =
            Pattern.compile(
                    "(\\d+)\\s*(ms|s|sec|secs|second|seconds|m|min|mins|minute|minutes"
                            + "|h|hour|hours|d|day|days)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException if {@code text} is neither form
     */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
        }
        Matcher m = FLINK_STYLE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            case "h", "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
