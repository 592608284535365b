package io.lakestream.deploy.progress;

import java.util.Locale;

/** How a backfill's progress is shown: {@code auto} is a bar on a terminal, lines otherwise. */
public enum ProgressMode {
    AUTO,
    BAR,
    LINES,
    NONE;

    /** Parses {@code auto|bar|lines|none}, in any case. */
    public static ProgressMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--progress must be auto, bar, lines or none (got '" + text + "')", e);
        }
    }

    /** {@link #AUTO} decided: {@link #BAR} when stdout is a terminal, else {@link #LINES}. */
    public ProgressMode resolve(boolean terminal) {
        return this == AUTO ? (terminal ? BAR : LINES) : this;
    }
}
