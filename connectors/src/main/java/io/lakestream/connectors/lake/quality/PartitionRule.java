package io.lakestream.connectors.lake.quality;

import io.lakestream.connectors.lake.Partition;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * One partition-level expectation of a table: observe a number of the partition ({@link RuleKind}),
 * on a column where the kind needs one, and require it to lie in {@code [min, max]} (either end may
 * be open); what a failure does is its {@link QualityPolicy}.
 *
 * <p>A rule with nothing to observe — the mean or freshness of a column without a non-null value —
 * passes: the partition holds no evidence against it (a row-count or null-fraction rule is what
 * catches a column that went missing).
 */
public final class PartitionRule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final RuleKind kind;
    private final String column;
    private final Double min;
    private final Double max;
    private final QualityPolicy policy;

    public PartitionRule(
            String name,
            RuleKind kind,
            String column,
            Double min,
            Double max,
            QualityPolicy policy) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (kind.needsColumn() != (column != null)) {
            throw new IllegalArgumentException(
                    kind.label() + (kind.needsColumn() ? " needs a column" : " takes no column"));
        }
        if (min == null && max == null) {
            throw new IllegalArgumentException(kind.label() + " needs a bound (min or max)");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(
                    kind.label() + ": min " + format(min) + " is above max " + format(max));
        }
        this.column = column;
        this.min = min;
        this.max = max;
        this.name = name != null ? name : kind.label() + (column == null ? "" : "(" + column + ")");
    }

    /** The rule's name in reports and log lines, e.g. {@code mean(price)} unless given one. */
    public String name() {
        return name;
    }

    public RuleKind kind() {
        return kind;
    }

    /** The column observed, or null for {@link RuleKind#ROW_COUNT}. */
    public String column() {
        return column;
    }

    public Double min() {
        return min;
    }

    public Double max() {
        return max;
    }

    public QualityPolicy policy() {
        return policy;
    }

    /** Observes the partition and compares; a rule with nothing to observe passes. */
    public RuleResult evaluate(PartitionProfile profile, Partition partition) {
        Double observed = kind.observe(profile, column, partition);
        boolean passed =
                observed == null
                        || ((min == null || observed >= min) && (max == null || observed <= max));
        return new RuleResult(this, observed, passed);
    }

    /** The bounds as a reader would say them: {@code between 1 and 500}, {@code <= 0.2}. */
    public String describeBounds() {
        if (min != null && max != null) {
            return "between " + format(min) + " and " + format(max);
        }
        return min != null ? ">= " + format(min) : "<= " + format(max);
    }

    static String format(Double v) {
        if (v == null) {
            return "none";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return name + " " + describeBounds() + " (" + policy.label() + ")";
    }
}
