package io.lakestream.connectors.lake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.lake.TestRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each record rule accepts exactly the values a plain-Java predicate accepts, over generated values
 * (nulls included); the first broken rule names the reason; the rules' columns are checked against
 * the table.
 */
class RecordRulesTest {

    private static final String FILE =
            """
            record-rules:
              - rule: not_null
                column: user_id
              - rule: between
                column: age
                min: 0
                max: 100
              - rule: in_set
                column: user_id
                values: [u1, u2, u3]
              - rule: matches
                column: event_id
                regex: "e-[0-9]+"
              - rule: type
                column: session
                type: string
            """;

    private static RecordRules rules() {
        return ExpectationsFile.parse(FILE, "expectations/events.yaml", "events").recordRules();
    }

    /** The oracle: which rule (index) a record breaks first, or -1. */
    private static int firstBroken(Map<String, Object> r) {
        Object user = r.get("user_id");
        Object age = r.get("age");
        Object id = r.get("event_id");
        Object session = r.get("session");
        if (user == null) {
            return 0;
        }
        if (age != null && ((Integer) age < 0 || (Integer) age > 100)) {
            return 1;
        }
        if (!Set.of("u1", "u2", "u3").contains(user)) {
            return 2;
        }
        if (id != null && !isEDashDigits((String) id)) {
            return 3;
        }
        if (session != null && !"string".equals(session)) {
            return 4;
        }
        return -1;
    }

    private static boolean isEDashDigits(String s) {
        if (s.length() < 3 || s.charAt(0) != 'e' || s.charAt(1) != '-') {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyRuleAgreesWithTheOracle() {
        RecordRules rules = rules();
        List<String> names =
                List.of(
                        "not_null(user_id)",
                        "between(age)",
                        "in_set(user_id)",
                        "matches(event_id)",
                        "type(session)");
        Random random = new Random(5);
        int[] broken = new int[6];
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("user_id", random.nextInt(8) == 0 ? null : "u" + random.nextInt(5));
            r.put("age", random.nextInt(6) == 0 ? null : random.nextInt(140) - 10);
            r.put(
                    "event_id",
                    random.nextInt(20) == 0 ? "x-" + i : random.nextInt(40) == 0 ? "e-" : "e-" + i);
            r.put(
                    "session",
                    List.of("string", "integer", "number", "object").get(random.nextInt(4)));
            if (random.nextInt(5) == 0) {
                r.put("session", null);
            }
            String reason = rules.check(r::get, c -> (String) r.get(c));
            int expected = firstBroken(r);
            broken[expected + 1]++;
            if (expected < 0) {
                assertThat(reason).as(r.toString()).isNull();
            } else {
                assertThat(reason)
                        .as(r.toString())
                        .startsWith("expectation: " + names.get(expected) + ": ");
            }
        }
        for (int count : broken) {
            assertThat(count).as("every outcome occurs").isPositive();
        }
    }

    @Test
    void theReasonSaysWhatWasWrong() {
        RecordRules rules = rules();
        Map<String, Object> r =
                new HashMap<>(Map.of("user_id", "u1", "age", 130, "event_id", "e-1"));
        assertThat(rules.check(r::get, c -> null))
                .isEqualTo("expectation: between(age): age = 130, expected between 0 and 100");
        r.put("age", 30);
        r.put("user_id", "u9");
        assertThat(rules.check(r::get, c -> null))
                .isEqualTo(
                        "expectation: in_set(user_id): user_id = 'u9', expected one of [u1, u2,"
                                + " u3]");
        r.put("user_id", "u1");
        assertThat(rules.check(r::get, c -> "integer"))
                .isEqualTo("expectation: type(session): session is an integer, expected string");
        assertThat(rules.check(r::get, c -> "string")).isNull();
    }

    @Test
    void columnsAreCheckedAgainstTheTable() {
        rules().requireColumnsOf(TestRows.SCHEMA, "events"); // type(session) reads the payload
        RecordRules bad =
                ExpectationsFile.parse(
                                "record-rules: [{rule: between, column: user_id, max: 3}]",
                                "expectations/events.yaml",
                                "events")
                        .recordRules();
        assertThatThrownBy(() -> bad.requireColumnsOf(TestRows.SCHEMA, "events"))
                .hasMessage(
                        "expectations/events.yaml: record rule between(user_id): column 'user_id'"
                                + " of table events is not a number, but between needs one");
        assertThatThrownBy(
                        () ->
                                ExpectationsFile.parse(
                                        "record-rules: [{rule: matches, column: a, regex: '('}]",
                                        "expectations/events.yaml",
                                        "events"))
                .hasMessageStartingWith(
                        "expectations/events.yaml: record-rules[0]: regex '(' is not valid");
        assertThatThrownBy(
                        () ->
                                ExpectationsFile.parse(
                                        "record-rules: [{rule: type, column: a, type: text}]",
                                        "expectations/events.yaml",
                                        "events"))
                .hasMessage(
                        "expectations/events.yaml: record-rules[0]: type needs 'type', one of"
                                + " string, integer, number, boolean, object, array");
    }

    @Test
    void onlyTheEventsFileMayHoldRecordRules() {
        Expectations e =
                Expectations.of(
                        List.of(
                                ExpectationsFile.parse(
                                        "record-rules: [{rule: not_null, column: revenue}]",
                                        "expectations/user_daily.yaml",
                                        "user_daily")));
        assertThatThrownBy(() -> e.recordRules("events", TestRows.SCHEMA))
                .hasMessage(
                        "expectations/user_daily.yaml: record-rules check the incoming records,"
                                + " which become the events table: move them to events.yaml");
        assertThat(Expectations.none().recordRules("events", TestRows.SCHEMA).isEmpty()).isTrue();
        assertThat(new ArrayList<>(rules().rules())).hasSize(5);
    }
}
