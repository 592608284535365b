package io.lakestream.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.lake.LakeTable;
import io.lakestream.connectors.lake.quality.Expectations;
import io.lakestream.job.JobOptions;
import io.lakestream.pipelines.tables.EventsTable;
import io.lakestream.pipelines.tables.UserDailyTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The example rules under {@code expectations/} (the README shows them) parse and fit the tables
 * they are for; {@code --expectations} reaches the run, and a bad file is one line.
 */
class ExpectationsExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "expectations");

    @TempDir Path work;

    @Test
    void theExamplesParseAndNameColumnsOfTheirTables() {
        Expectations e = Expectations.load(EXAMPLES);
        assertThat(e.tables()).containsExactly("events", "user_daily");
        for (LakeTable<?> table : List.of(new EventsTable(), new UserDailyTable())) {
            e.forTable(table.name()).requireColumnsOf(table.schema());
        }
        assertThat(e.forTable("events").rules()).hasSize(5);
        EventsTable events = new EventsTable();
        assertThat(e.recordRules(events.name(), events.schema()).rules()).hasSize(3);
    }

    private static JobOptions options(String... extra) {
        JobOptions o = new JobOptions();
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "--pipelines",
                                "ingest",
                                "--mode",
                                "backfill",
                                "--from",
                                "2026-11-01",
                                "--to",
                                "2026-11-01",
                                "--lake",
                                "lake"));
        args.addAll(List.of(extra));
        new CommandLine(o).parseArgs(args.toArray(String[]::new));
        return o;
    }

    @Test
    void theFlagLoadsTheFolderIntoTheRun() {
        assertThat(options().spec().expectations.isEmpty()).isTrue();
        assertThat(options("--expectations", EXAMPLES.toString()).spec().expectations.tables())
                .containsExactly("events", "user_daily");
    }

    @Test
    void aBadFileStopsTheRunBeforeItStartsWithOneLine() throws Exception {
        Files.writeString(
                work.resolve("events.yaml"),
                "partition-rules: [{rule: mean, column: price, max: 10, policy: stop}]");
        assertThatThrownBy(() -> options("--expectations", work.toString()).spec())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        work.resolve("events.yaml")
                                + ": partition-rules[0]: unknown policy 'stop'; policies: warn,"
                                + " quarantine-partition, fail-job");
    }
}
