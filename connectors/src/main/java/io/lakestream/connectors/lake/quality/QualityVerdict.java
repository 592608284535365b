package io.lakestream.connectors.lake.quality;

/** What the quality gate decided for a partition, from its failed rules' strongest policy. */
public enum QualityVerdict {
    /** Every rule passed, or only {@code warn} rules failed: the partition is published. */
    PUBLISHED("published"),
    /** A {@code quarantine-partition} rule failed: {@code _QUARANTINED}, no {@code _SUCCESS}. */
    QUARANTINED("quarantined"),
    /** A {@code fail-job} rule failed: the run stops; the partition is not published. */
    STOPPED("stopped");

    private final String label;

    QualityVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static QualityVerdict of(Iterable<RuleResult> results) {
        QualityVerdict v = PUBLISHED;
        for (RuleResult r : results) {
            if (r.passed()) {
                continue;
            }
            if (r.rule().policy() == QualityPolicy.FAIL_JOB) {
                return STOPPED;
            }
            if (r.rule().policy() == QualityPolicy.QUARANTINE_PARTITION) {
                v = QUARANTINED;
            }
        }
        return v;
    }
}
