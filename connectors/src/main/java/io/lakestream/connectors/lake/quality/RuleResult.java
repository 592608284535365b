package io.lakestream.connectors.lake.quality;

/**
 * The outcome of one {@link PartitionRule} on one partition: what was observed (null: nothing to
 * observe) and whether it lay within the bounds.
 */
public record RuleResult(PartitionRule rule, Double observed, boolean passed) {

    /**
     * One clause for a log line, e.g. {@code mean(price) = 4210.5, expected between 1 and 500
     * (fail-job)}.
     */
    public String describe() {
        return rule.name()
                + " = "
                + (observed == null ? "nothing to observe" : PartitionRule.format(observed))
                + ", expected "
                + rule.describeBounds()
                + " ("
                + rule.policy().label()
                + ")";
    }
}
