package io.lakestream.job;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes on the command line: {@code 128MB}, {@code 512KiB}, {@code 1g}, {@code 4096} (bytes). */
public final class ByteSize {
    private static final Pattern SIZE =
            Pattern.compile("(\\d{1,15})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    private ByteSize() {}

    /**
     * Parses a size with binary units, naming {@code option} in the message of the {@link
     * IllegalArgumentException} it throws for anything else.
     */
    public static long parse(String option, String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    option + " " + text + " is not a size: use e.g. 128MB, 512KB or 1GB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift =
                switch (unit.charAt(0)) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    case 'g' -> 30;
                    default -> 0;
                };
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(
                    option + " " + text + " must be positive: use e.g. 128MB, 512KB or 1GB");
        }
        return n << shift;
    }
}
