package io.lakestream.pipelines.ingest;

import java.io.Serializable;
import java.util.Locale;

/**
 * When a run stops because too much of its input breaks the contract: more than {@code maxRate} of
 * the last {@code window} records a source reader routed were quarantined. Off by default — a bad
 * record never stops a run unless the user asks for it (docs/decisions/0013).
 *
 * <pre>{@code
 * QuarantineRateLimit.of(0.05, 10_000) // stop at the 501st bad record among 10,000 in a row
 * }</pre>
 */
public final class QuarantineRateLimit implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Records of the sliding window when none is given. */
    public static final int DEFAULT_WINDOW = 10_000;

    /** The largest window: its bitmap is 1/8 byte a record, per source reader. */
    public static final int MAX_WINDOW = 10_000_000;

    private static final QuarantineRateLimit OFF = new QuarantineRateLimit(Double.NaN, 0);

    private final double maxRate;
    private final int window;

    private QuarantineRateLimit(double maxRate, int window) {
        this.maxRate = maxRate;
        this.window = window;
    }

    /** No limit: every bad record is quarantined and the run goes on. */
    public static QuarantineRateLimit off() {
        return OFF;
    }

    /**
     * A limit of {@code maxRate} (0 ≤ rate < 1; 0 stops at the first bad record) over the last
     * {@code window} records of each source reader.
     *
     * @throws IllegalArgumentException naming the option, for a value out of range
     */
    public static QuarantineRateLimit of(double maxRate, int window) {
        if (!(maxRate >= 0 && maxRate < 1)) {
            throw new IllegalArgumentException(
                    "--max-quarantine-rate must be a fraction in [0, 1) such as 0.05, was "
                            + maxRate
                            + " (leave it unset for no limit)");
        }
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "--quarantine-window must be 1.." + MAX_WINDOW + " records, was " + window);
        }
        return new QuarantineRateLimit(maxRate, window);
    }

    public boolean isOff() {
        return window == 0;
    }

    public double maxRate() {
        return maxRate;
    }

    public int window() {
        return window;
    }

    /** The most quarantined records a window may hold; one more stops the run. */
    public long allowed() {
        return (long) Math.floor(maxRate * window + 1e-9);
    }

    /** For messages and manifests, e.g. {@code 0.05 of 10000 records}. */
    public String describe() {
        return isOff()
                ? "off"
                : String.format(Locale.ROOT, "%s of %d records", rate(maxRate), window);
    }

    static String rate(double r) {
        return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }
}
