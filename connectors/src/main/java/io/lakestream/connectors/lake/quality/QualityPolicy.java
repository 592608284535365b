package io.lakestream.connectors.lake.quality;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a failed partition rule does to its partition and to the run. The policy belongs to the
 * rule, not to the table, so that one expectations file can hold a soft signal (a column getting
 * sparser) next to a hard stop (prices a hundred times too high).
 */
public enum QualityPolicy {
    /** Publish the partition anyway; the failure is in {@code _QUALITY.json} and one log line. */
    WARN("warn"),

    /**
     * Do not publish the partition: it gets {@code _QUARANTINED} and {@code _QUALITY.json} instead
     * of {@code _SUCCESS}, so readers that honour {@code _SUCCESS} never see it; the run goes on.
     */
    QUARANTINE_PARTITION("quarantine-partition"),

    /**
     * The circuit breaker: the run stops before publishing this partition or any later one of the
     * table (a backfill publishes nothing at all).
     */
    FAIL_JOB("fail-job");

    private final String label;

    QualityPolicy(String label) {
        this.label = label;
    }

    /** The name used in expectations files and reports. */
    public String label() {
        return label;
    }

    /** The policy named {@code label}, or null if there is none. */
    static QualityPolicy byLabel(String label) {
        for (QualityPolicy p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        return null;
    }

    static String labels() {
        return Arrays.stream(values()).map(QualityPolicy::label).collect(Collectors.joining(", "));
    }
}
