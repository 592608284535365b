package io.lakestream.connectors.lake.quality;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One record-level expectation: a condition every incoming record must meet, else it goes to {@code
 * _quarantine} with the rule's name as its reason (and never reaches any table). Null values pass
 * every kind but {@code not_null}, so that "optional, but when present ..." needs one rule.
 *
 * <ul>
 *   <li>{@code not_null}: the column has a value;
 *   <li>{@code between}: a number within {@code [min, max]} (either end may be open);
 *   <li>{@code in_set}: the value, as text, is one of {@code values};
 *   <li>{@code matches}: the value, as text, matches {@code regex} as a whole;
 *   <li>{@code type}: the record's JSON field (any field, also one the table does not keep) is a
 *       {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code object} or {@code
 *       array}.
 * </ul>
 */
public final class RecordRule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a record rule checks. */
    public enum Kind {
        NOT_NULL("not_null"),
        BETWEEN("between"),
        IN_SET("in_set"),
        MATCHES("matches"),
        TYPE("type");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind byLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }

        static String labels() {
            return String.join(", ", java.util.Arrays.stream(values()).map(Kind::label).toList());
        }
    }

    /** The JSON types a {@code type} rule can ask for. */
    public static final List<String> JSON_TYPES =
            List.of("string", "integer", "number", "boolean", "object", "array");

    private final String name;
    private final Kind kind;
    private final String column;
    private final Double min;
    private final Double max;
    private final TreeSet<String> values;
    private final String regex;
    private final String type;
    private transient Pattern pattern;

    public RecordRule(
            String name,
            Kind kind,
            String column,
            Double min,
            Double max,
            Set<String> values,
            String regex,
            String type) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.column = Objects.requireNonNull(column, kind.label() + " needs a column");
        this.min = min;
        this.max = max;
        this.values = values == null ? null : new TreeSet<>(values);
        this.regex = regex;
        this.type = type;
        switch (kind) {
            case BETWEEN ->
                    require(min != null || max != null, "between needs a bound (min or max)");
            case IN_SET ->
                    require(values != null && !values.isEmpty(), "in_set needs 'values', a list");
            case MATCHES -> {
                require(regex != null, "matches needs 'regex'");
                try {
                    Pattern.compile(regex);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "regex '" + regex + "' is not valid: " + e.getDescription());
                }
            }
            case TYPE ->
                    require(
                            type != null && JSON_TYPES.contains(type),
                            "type needs 'type', one of " + String.join(", ", JSON_TYPES));
            default -> {}
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(
                    kind.label()
                            + ": min "
                            + PartitionRule.format(min)
                            + " is above max "
                            + PartitionRule.format(max));
        }
        this.name = name != null ? name : kind.label() + "(" + column + ")";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String column() {
        return column;
    }

    /**
     * Null if {@code value} (the column's decoded value; for {@code type}, the JSON type name of
     * the field, or null when absent) meets the rule; else why not, e.g. {@code age = 130, expected
     * between 0 and 120}.
     */
    public String violation(Object value) {
        if (value == null) {
            return kind == Kind.NOT_NULL ? column + " is missing" : null;
        }
        switch (kind) {
            case NOT_NULL:
                return null;
            case BETWEEN:
                if (!(value instanceof Number n)) {
                    return column + " = '" + value + "' is not a number";
                }
                double v = n.doubleValue();
                return (min == null || v >= min) && (max == null || v <= max)
                        ? null
                        : column + " = " + value + ", expected " + bounds();
            case IN_SET:
                return values.contains(value.toString())
                        ? null
                        : column + " = '" + value + "', expected one of " + values;
            case MATCHES:
                if (pattern == null) {
                    pattern = Pattern.compile(regex);
                }
                return pattern.matcher(value.toString()).matches()
                        ? null
                        : column + " = '" + value + "' does not match " + regex;
            case TYPE:
                return type.equals(value) || ("number".equals(type) && "integer".equals(value))
                        ? null
                        : column + " is " + article(value.toString()) + ", expected " + type;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private String bounds() {
        if (min != null && max != null) {
            return "between " + PartitionRule.format(min) + " and " + PartitionRule.format(max);
        }
        return min != null ? ">= " + PartitionRule.format(min) : "<= " + PartitionRule.format(max);
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    @Override
    public String toString() {
        return name;
    }
}
