package io.lakestream.connectors.lake.quality;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one {@code expectations/<table>.yaml}. The format (documented in the README, "Data quality
 * expectations"):
 *
 * <pre>{@code
 * table: events                 # optional; the file name without .yaml otherwise
 * partition-rules:
 *   - rule: row_count           # row_count, null_fraction, distinct_count, mean, freshness
 *     min: 1000
 *     policy: fail-job          # warn, quarantine-partition (the default) or fail-job
 *   - rule: mean
 *     column: price
 *     max: 500
 *   - rule: freshness
 *     column: event_time
 *     max-age: PT15M            # ISO-8601 duration; freshness takes no min/max
 * }</pre>
 *
 * Anything else — an unknown key, a rule without a bound, a bound that is not a number — is refused
 * with one line naming the file, the rule and the fix; parsing never throws anything else.
 */
public final class ExpectationsFile {

    static final String PARTITION_RULES = "partition-rules";
    static final String RECORD_RULES = "record-rules";
    private static final Set<String> TOP_KEYS = Set.of("table", PARTITION_RULES, RECORD_RULES);
    private static final Set<String> RULE_KEYS =
            Set.of("rule", "name", "column", "min", "max", "max-age", "policy");
    private static final Set<String> RECORD_RULE_KEYS =
            Set.of("rule", "name", "column", "min", "max", "values", "regex", "type");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ExpectationsFile() {}

    /** Reads the rules of {@code file} for the table {@code table}. */
    public static TableExpectations read(Path file, String table) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ExpectationsException(source + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, source, table);
    }

    /** Parses {@code text}, the content of the file {@code source}, for the table {@code table}. */
    public static TableExpectations parse(String text, String source, String table) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ExpectationsException(
                    source
                            + ": not valid YAML"
                            + (at == null
                                    ? ""
                                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                            + ": "
                            + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ExpectationsException(
                    source + ": is empty; it needs a '" + PARTITION_RULES + "' list");
        }
        if (!root.isObject()) {
            throw new ExpectationsException(
                    source + ": must be a mapping with '" + PARTITION_RULES + "'");
        }
        refuseUnknownKeys(root, TOP_KEYS, source, "");
        JsonNode named = root.get("table");
        if (named != null && !named.asText().equals(table)) {
            throw new ExpectationsException(
                    source
                            + ": says table '"
                            + named.asText()
                            + "' but its name makes it the file of table '"
                            + table
                            + "': rename the file to "
                            + named.asText()
                            + ".yaml or fix the key");
        }
        JsonNode list = root.get(PARTITION_RULES);
        JsonNode recordList = root.get(RECORD_RULES);
        if ((list == null && recordList == null)
                || (list != null && !list.isArray())
                || (recordList != null && !recordList.isArray())) {
            throw new ExpectationsException(
                    source
                            + ": needs '"
                            + PARTITION_RULES
                            + "' and/or '"
                            + RECORD_RULES
                            + "', each a list of rules");
        }
        List<PartitionRule> rules = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            rules.add(rule(list.get(i), source + ": " + PARTITION_RULES + "[" + i + "]"));
        }
        List<RecordRule> recordRules = new ArrayList<>();
        for (int i = 0; recordList != null && i < recordList.size(); i++) {
            recordRules.add(
                    recordRule(recordList.get(i), source + ": " + RECORD_RULES + "[" + i + "]"));
        }
        List<String> names = new ArrayList<>();
        rules.forEach(r -> names.add(r.name()));
        recordRules.forEach(r -> names.add(r.name()));
        if (names.stream().distinct().count() != names.size()) {
            throw new ExpectationsException(
                    source + ": two rules have the same name; give one of them a 'name'");
        }
        return new TableExpectations(table, source, rules, recordRules);
    }

    private static RecordRule recordRule(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ExpectationsException(where + ": must be a mapping with 'rule'");
        }
        refuseUnknownKeys(node, RECORD_RULE_KEYS, where, " of a record rule");
        String label = text(node, "rule", where);
        RecordRule.Kind kind = label == null ? null : RecordRule.Kind.byLabel(label);
        if (kind == null) {
            throw new ExpectationsException(
                    where
                            + ": "
                            + (label == null
                                    ? "needs 'rule'"
                                    : "unknown record rule '" + label + "'")
                            + "; record rules: "
                            + RecordRule.Kind.labels());
        }
        String column = text(node, "column", where);
        if (column == null) {
            throw new ExpectationsException(where + ": " + label + " needs 'column'");
        }
        Set<String> values = null;
        JsonNode list = node.get("values");
        if (list != null) {
            if (!list.isArray()) {
                throw new ExpectationsException(where + ": 'values' must be a list");
            }
            values = new java.util.TreeSet<>();
            for (JsonNode v : list) {
                values.add(v.asText());
            }
        }
        try {
            return new RecordRule(
                    text(node, "name", where),
                    kind,
                    column,
                    number(node, "min", where),
                    number(node, "max", where),
                    values,
                    text(node, "regex", where),
                    text(node, "type", where));
        } catch (IllegalArgumentException e) {
            throw new ExpectationsException(where + ": " + e.getMessage());
        }
    }

    private static PartitionRule rule(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ExpectationsException(where + ": must be a mapping with 'rule'");
        }
        refuseUnknownKeys(node, RULE_KEYS, where, " of a rule");
        String label = text(node, "rule", where);
        if (label == null) {
            throw new ExpectationsException(where + ": needs 'rule', one of " + RuleKind.labels());
        }
        RuleKind kind = RuleKind.byLabel(label);
        if (kind == null) {
            throw new ExpectationsException(
                    where + ": unknown rule '" + label + "'; rules: " + RuleKind.labels());
        }
        String column = text(node, "column", where);
        if (kind.needsColumn() && column == null) {
            throw new ExpectationsException(where + ": " + label + " needs 'column'");
        }
        if (!kind.needsColumn() && column != null) {
            throw new ExpectationsException(where + ": " + label + " takes no 'column'");
        }
        Double min = number(node, "min", where);
        Double max = number(node, "max", where);
        if (kind == RuleKind.FRESHNESS) {
            if (min != null || max != null) {
                throw new ExpectationsException(
                        where + ": freshness takes 'max-age' (e.g. PT15M), not min/max");
            }
            max = maxAgeSeconds(node, where);
        } else if (node.has("max-age")) {
            throw new ExpectationsException(where + ": 'max-age' is for freshness only");
        }
        String policyLabel = text(node, "policy", where);
        QualityPolicy policy =
                policyLabel == null
                        ? QualityPolicy.QUARANTINE_PARTITION
                        : QualityPolicy.byLabel(policyLabel);
        if (policy == null) {
            throw new ExpectationsException(
                    where
                            + ": unknown policy '"
                            + policyLabel
                            + "'; policies: "
                            + QualityPolicy.labels());
        }
        try {
            return new PartitionRule(text(node, "name", where), kind, column, min, max, policy);
        } catch (IllegalArgumentException e) {
            throw new ExpectationsException(where + ": " + e.getMessage());
        }
    }

    private static Double maxAgeSeconds(JsonNode node, String where) {
        String text = text(node, "max-age", where);
        if (text == null) {
            throw new ExpectationsException(where + ": freshness needs 'max-age', e.g. PT15M");
        }
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative()) {
                throw new ExpectationsException(where + ": max-age must not be negative");
            }
            return d.toMillis() / 1000.0;
        } catch (DateTimeParseException e) {
            throw new ExpectationsException(
                    where + ": max-age '" + text + "' is not an ISO-8601 duration such as PT15M");
        }
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new ExpectationsException(where + ": '" + key + "' must be a single value");
        }
        return v.asText();
    }

    private static Double number(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new ExpectationsException(
                    where + ": '" + key + "' must be a number, was '" + v.asText() + "'");
        }
        return v.doubleValue();
    }

    private static void refuseUnknownKeys(
            JsonNode node, Set<String> known, String where, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ExpectationsException(
                        where
                                + ": unknown key '"
                                + key
                                + "'"
                                + what
                                + "; keys: "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").trim();
    }
}
