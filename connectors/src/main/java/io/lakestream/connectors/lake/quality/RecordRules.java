package io.lakestream.connectors.lake.quality;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * The record-level rules of a table, checked on every incoming record after the data contract; the
 * first rule a record breaks is its quarantine reason, {@code expectation: <rule>: <why>}, e.g.
 * {@code expectation: between(age): age = 130, expected between 0 and 100}.
 */
public final class RecordRules implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The reason code of a record quarantined by a record rule. */
    public static final String REASON = "expectation";

    private static final RecordRules NONE = new RecordRules(List.of(), null);

    private final List<RecordRule> rules;
    private final String source;

    RecordRules(List<RecordRule> rules, String source) {
        this.rules = List.copyOf(rules);
        this.source = source;
    }

    public static RecordRules none() {
        return NONE;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public List<RecordRule> rules() {
        return rules;
    }

    /** Whether a rule asks for the JSON type of a field ({@code type}), which needs the payload. */
    public boolean readsJsonTypes() {
        return rules.stream().anyMatch(r -> r.kind() == RecordRule.Kind.TYPE);
    }

    /**
     * Null if the record meets every rule, else the quarantine reason of the first it breaks.
     *
     * @param columns the record's decoded value of a column (null: absent)
     * @param jsonTypes the JSON type of a payload field ({@code string}, {@code integer}, ...;
     *     null: absent or null); only asked for when {@link #readsJsonTypes()}
     */
    public String check(Function<String, Object> columns, Function<String, String> jsonTypes) {
        for (RecordRule r : rules) {
            Object value =
                    r.kind() == RecordRule.Kind.TYPE
                            ? jsonTypes.apply(r.column())
                            : columns.apply(r.column());
            String why = r.violation(value);
            if (why != null) {
                return REASON + ": " + r.name() + ": " + why;
            }
        }
        return null;
    }

    /**
     * Checks that every rule but {@code type} (which reads the payload's fields) names a column of
     * {@code schema}, and that {@code between} names a number column.
     *
     * @throws ExpectationsException one line naming the file, the rule and the column
     */
    public void requireColumnsOf(Schema schema, String table) {
        for (RecordRule r : rules) {
            if (r.kind() == RecordRule.Kind.TYPE) {
                continue;
            }
            Schema.Field field = schema.getField(r.column());
            if (field == null) {
                throw new ExpectationsException(
                        source
                                + ": record rule "
                                + r.name()
                                + ": table "
                                + table
                                + " has no column '"
                                + r.column()
                                + "'");
            }
            if (r.kind() == RecordRule.Kind.BETWEEN
                    && !TableExpectations.isNumber(field.schema())) {
                throw new ExpectationsException(
                        source
                                + ": record rule "
                                + r.name()
                                + ": column '"
                                + r.column()
                                + "' of table "
                                + table
                                + " is not a number, but between needs one");
            }
        }
    }
}
