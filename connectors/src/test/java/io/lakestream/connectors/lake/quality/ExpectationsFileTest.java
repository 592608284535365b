package io.lakestream.connectors.lake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.lake.TestRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expectations format: a file of every rule kind parses to its rules; each kind of mistake is
 * one line naming the file and what to fix.
 */
class ExpectationsFileTest {

    private static final String SOURCE = "expectations/t.yaml";

    @TempDir Path dir;

    @Test
    void everyRuleKindParses() {
        TableExpectations t =
                ExpectationsFile.parse(
                        """
                        table: t
                        partition-rules:
                          - rule: row_count
                            min: 1000
                            max: 2000000
                            policy: fail-job
                          - rule: null_fraction
                            column: user_id
                            max: 0.25
                            policy: warn
                          - rule: distinct_count
                            name: enough users
                            column: user_id
                            min: 10
                          - rule: mean
                            column: price
                            min: 1
                            max: 500.5
                            policy: quarantine-partition
                          - rule: freshness
                            column: event_time
                            max-age: PT15M
                        """,
                        SOURCE,
                        "t");
        assertThat(t.table()).isEqualTo("t");
        assertThat(t.source()).isEqualTo(SOURCE);
        assertThat(t.rules())
                .extracting(PartitionRule::toString)
                .containsExactly(
                        "row_count between 1000 and 2000000 (fail-job)",
                        "null_fraction(user_id) <= 0.25 (warn)",
                        "enough users >= 10 (quarantine-partition)",
                        "mean(price) between 1 and 500.5 (quarantine-partition)",
                        "freshness(event_time) <= 900 (quarantine-partition)");
        t.requireColumnsOf(TestRows.SCHEMA);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "partition-rules: [ {rule: row_count, min: 1} | "
                        + "expectations/t.yaml: not valid YAML at line 1",
                "'' | expectations/t.yaml: is empty; it needs a 'partition-rules' list",
                "- a | expectations/t.yaml: must be a mapping with 'partition-rules'",
                "rules: [] | expectations/t.yaml: unknown key 'rules'; keys: partition-rules, record-rules,"
                        + " table",
                "table: u\\npartition-rules: [] | expectations/t.yaml: says table 'u' but its name"
                        + " makes it the file of table 't'",
                "table: t | expectations/t.yaml: needs 'partition-rules' and/or 'record-rules', each a"
                        + " list of rules",
                "partition-rules: [{min: 1}] | expectations/t.yaml: partition-rules[0]: needs"
                        + " 'rule', one of row_count, null_fraction, distinct_count, mean,"
                        + " freshness",
                "partition-rules: [{rule: median, column: price, max: 1}] | expectations/t.yaml:"
                        + " partition-rules[0]: unknown rule 'median'",
                "partition-rules: [{rule: row_count, min: 1, colour: red}] |"
                        + " expectations/t.yaml: partition-rules[0]: unknown key 'colour' of a"
                        + " rule",
                "partition-rules: [{rule: mean, max: 1}] | expectations/t.yaml:"
                        + " partition-rules[0]: mean needs 'column'",
                "partition-rules: [{rule: row_count, column: price, max: 1}] |"
                        + " expectations/t.yaml: partition-rules[0]: row_count takes no 'column'",
                "partition-rules: [{rule: row_count}] | expectations/t.yaml:"
                        + " partition-rules[0]: row_count needs a bound (min or max)",
                "partition-rules: [{rule: row_count, min: 5, max: 2}] | expectations/t.yaml:"
                        + " partition-rules[0]: row_count: min 5 is above max 2",
                "partition-rules: [{rule: row_count, min: lots}] | expectations/t.yaml:"
                        + " partition-rules[0]: 'min' must be a number, was 'lots'",
                "partition-rules: [{rule: row_count, min: 1, policy: panic}] |"
                        + " expectations/t.yaml: partition-rules[0]: unknown policy 'panic';"
                        + " policies: warn, quarantine-partition, fail-job",
                "partition-rules: [{rule: freshness, column: event_time, max: 3}] |"
                        + " expectations/t.yaml: partition-rules[0]: freshness takes 'max-age'",
                "partition-rules: [{rule: freshness, column: event_time, max-age: 15m}] |"
                        + " expectations/t.yaml: partition-rules[0]: max-age '15m' is not an"
                        + " ISO-8601 duration",
                "partition-rules: [{rule: mean, column: price, max: 1, max-age: PT1H}] |"
                        + " expectations/t.yaml: partition-rules[0]: 'max-age' is for freshness",
                "partition-rules: [{rule: row_count, min: 1}, {rule: row_count, max: 9}] |"
                        + " expectations/t.yaml: two rules have the same name",
            })
    void aMistakeIsOneLineNamingTheFileAndTheFix(String yaml, String message) {
        assertThatThrownBy(() -> ExpectationsFile.parse(yaml.replace("\\n", "\n"), SOURCE, "t"))
                .isInstanceOf(ExpectationsException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{rule: mean, column: prize, max: 1} | expectations/t.yaml: rule mean(prize):"
                        + " table t has no column 'prize' (columns: event_id, user_id, clicks,"
                        + " price, age, event_time)",
                "{rule: mean, column: user_id, max: 1} | expectations/t.yaml: rule"
                        + " mean(user_id): column 'user_id' of table t is string, but mean needs a"
                        + " number",
                "{rule: freshness, column: clicks, max-age: PT1H} | expectations/t.yaml: rule"
                        + " freshness(clicks): column 'clicks' of table t is long, but freshness"
                        + " needs a timestamp (milliseconds)",
            })
    void aRuleOnAColumnTheTableLacksIsRefused(String rule, String message) {
        TableExpectations t =
                ExpectationsFile.parse("partition-rules: [" + rule + "]", SOURCE, "t");
        assertThatThrownBy(() -> t.requireColumnsOf(TestRows.SCHEMA))
                .isInstanceOf(ExpectationsException.class)
                .hasMessage(message);
    }

    @Test
    void aFolderHoldsOneFilePerTable() throws IOException {
        Files.writeString(
                dir.resolve("events.yaml"), "partition-rules: [{rule: row_count, min: 1}]");
        Files.writeString(
                dir.resolve("user_daily.yml"), "partition-rules: [{rule: row_count, max: 9}]");
        Files.writeString(dir.resolve("README.md"), "not rules");
        Expectations e = Expectations.load(dir);
        assertThat(e.tables()).containsExactly("events", "user_daily");
        assertThat(e.forTable("events").source()).isEqualTo(dir.resolve("events.yaml").toString());
        assertThat(e.forTable("dau")).isNull();

        Files.writeString(dir.resolve("events.yml"), "partition-rules: []");
        assertThatThrownBy(() -> Expectations.load(dir))
                .hasMessage(
                        dir.resolve("events.yml")
                                + ": table events already has "
                                + dir.resolve("events.yaml")
                                + "; keep one");
        assertThatThrownBy(() -> Expectations.load(dir.resolve("absent")))
                .isInstanceOf(ExpectationsException.class)
                .hasMessage(
                        "expectations folder "
                                + dir.resolve("absent")
                                + " does not exist (or is not a folder)");
    }

    @Test
    void aBadFileInTheFolderIsNamed() throws IOException {
        Files.writeString(dir.resolve("dau.yaml"), "partition-rules: [{rule: row_count}]");
        assertThatThrownBy(() -> Expectations.load(dir))
                .hasMessage(
                        dir.resolve("dau.yaml")
                                + ": partition-rules[0]: row_count needs a bound (min or max)");
        assertThat(List.of(dir.resolve("dau.yaml"))).allMatch(Files::exists);
    }
}
