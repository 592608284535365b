package io.lakestream.connectors.lake.quality;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The partition rules of one table, as read from {@code expectations/<table>.yaml}; {@code source}
 * names that file in every message, so a user knows which file to fix.
 */
public final class TableExpectations implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String source;
    private final List<PartitionRule> rules;
    private final RecordRules recordRules;

    public TableExpectations(String table, String source, List<PartitionRule> rules) {
        this(table, source, rules, List.of());
    }

    public TableExpectations(
            String table, String source, List<PartitionRule> rules, List<RecordRule> recordRules) {
        this.table = table;
        this.source = source;
        this.rules = List.copyOf(rules);
        this.recordRules = new RecordRules(recordRules, source);
    }

    /** The record-level rules of the file ({@code record-rules}); empty when it has none. */
    public RecordRules recordRules() {
        return recordRules;
    }

    public String table() {
        return table;
    }

    /** The file the rules came from, as the user named it. */
    public String source() {
        return source;
    }

    public List<PartitionRule> rules() {
        return rules;
    }

    /**
     * Whether a rule of the table is a circuit breaker ({@code fail-job}): then the run's other
     * tables wait for this one's checks before they publish (docs/decisions/0021).
     */
    public boolean hasBreaker() {
        return rules.stream().anyMatch(r -> r.policy() == QualityPolicy.FAIL_JOB);
    }

    /** Per column, what the rules need measured. */
    Map<String, Set<Measure>> needs() {
        Map<String, Set<Measure>> needs = new LinkedHashMap<>();
        for (PartitionRule r : rules) {
            Measure m = Measure.of(r.kind());
            if (m != null) {
                needs.computeIfAbsent(r.column(), c -> EnumSet.noneOf(Measure.class)).add(m);
            }
        }
        return needs;
    }

    /**
     * Checks that every rule's column exists in the table's {@code schema} with a type the rule can
     * observe (a number for {@code mean}, a time or integer for {@code freshness}).
     *
     * @throws IllegalArgumentException one line naming the file, the rule and the column
     */
    public void requireColumnsOf(Schema schema) {
        for (PartitionRule r : rules) {
            if (r.column() == null) {
                continue;
            }
            Schema.Field field = schema.getField(r.column());
            if (field == null) {
                throw new ExpectationsException(
                        source
                                + ": rule "
                                + r.name()
                                + ": table "
                                + table
                                + " has no column '"
                                + r.column()
                                + "' (columns: "
                                + String.join(
                                        ", ",
                                        schema.getFields().stream()
                                                .map(Schema.Field::name)
                                                .toList())
                                + ")");
            }
            boolean ok =
                    switch (r.kind()) {
                        case MEAN -> isNumber(field.schema());
                        case FRESHNESS -> isTimestampMillis(field.schema());
                        default -> true;
                    };
            if (!ok) {
                throw new ExpectationsException(
                        source
                                + ": rule "
                                + r.name()
                                + ": column '"
                                + r.column()
                                + "' of table "
                                + table
                                + " is "
                                + describe(field.schema())
                                + ", but "
                                + r.kind().label()
                                + (r.kind() == RuleKind.MEAN
                                        ? " needs a number"
                                        : " needs a timestamp (milliseconds)"));
            }
        }
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            for (Schema t : s.getTypes()) {
                if (t.getType() != Schema.Type.NULL) {
                    return t;
                }
            }
        }
        return s;
    }

    static boolean isNumber(Schema s) {
        Schema.Type type = baseType(s);
        return type == Schema.Type.INT
                || type == Schema.Type.LONG
                || type == Schema.Type.FLOAT
                || type == Schema.Type.DOUBLE;
    }

    private static boolean isTimestampMillis(Schema s) {
        Schema t = nonNull(s);
        return t.getType() == Schema.Type.LONG
                && t.getLogicalType() != null
                && t.getLogicalType().getName().equals("timestamp-millis");
    }

    private static Schema.Type baseType(Schema s) {
        return nonNull(s).getType();
    }

    private static String describe(Schema s) {
        Schema t = nonNull(s);
        return t.getLogicalType() != null ? t.getLogicalType().getName() : t.getType().getName();
    }
}
