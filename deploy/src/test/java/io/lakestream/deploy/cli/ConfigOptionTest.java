package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.job.config.Setting;
import io.lakestream.job.config.SettingType;
import io.lakestream.job.config.Settings;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --config lakestream.yaml} on run, submit and repair: file < flag, one-line errors. */
class ConfigOptionTest {

    @TempDir Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("lakestream.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runTakesTheFileAsDefaultsAndFlagsWin() throws IOException {
        Path file =
                yaml(
                        """
                        pipelines: [ingest, user_daily]
                        run: {mode: backfill, parallelism: 3, web-ui-port: 0}
                        lake.path: /tmp/lake-from-file
                        kafka:
                          bootstrap: broker:9092
                          topic: from-file
                          max-delay: 5 min
                        backfill: {from: 2026-11-01, to: 2026-11-02}
                        state.dedup-ids-per-day: 1000
                        privacy.pseudonym-cache-users: 1234
                        compaction.on-publish: 4MB
                        checkpoint: {interval: 30s, timeout: PT5M, min-pause: 1s}
                        progress.mode: none
                        """);
        RunCommand run = new RunCommand();
        new CommandLine(run)
                .parseArgs(
                        "--config", file.toString(), "--topic", "from-flag", "--to", "2026-11-03");
        RunSpec spec = run.spec();
        assertThat(spec.pipelines).containsExactly("ingest", "user_daily");
        assertThat(spec.lake).isEqualTo("/tmp/lake-from-file");
        assertThat(spec.bootstrap).isEqualTo("broker:9092");
        assertThat(spec.topic).isEqualTo("from-flag");
        assertThat(spec.maxDelay).isEqualTo(Duration.ofMinutes(5));
        assertThat(spec.lookback).isEqualTo(Duration.ofDays(2));
        assertThat(spec.from).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(spec.to).isEqualTo(LocalDate.parse("2026-11-03"));
        assertThat(spec.source).isEqualTo(SourceKind.KAFKA);
        assertThat(spec.dedupIdsPerDay).isEqualTo(1000);
        assertThat(spec.pseudonymCacheUsers).isEqualTo(1234);
        assertThat(spec.compactOnPublishBytes).isEqualTo(4L << 20);
        assertThat(run.job.checkpoints().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(run.job.checkpoints().timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(run.job.checkpoints().minPause()).isEqualTo(Duration.ofSeconds(1));
        assertThat(run.local.parallelism).isEqualTo(3);
        assertThat(run.local.webUiPort).isZero();
        assertThat(run.progress.progress).isEqualTo("none");
    }

    @Test
    void withoutAFileTheOptionsKeepTheirDefaults() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--pipelines", "ingest", "--mode", "stream", "--lake", "l");
        assertThat(run.job.kafka.maxDelay).isEqualTo(Duration.ofMinutes(10));
        assertThat(run.job.checkpoints().minPause()).isEqualTo(Duration.ofMillis(2500));
        assertThat(run.local.parallelism).isEqualTo(2);
        assertThat(run.config.file()).isNull();
    }

    @Test
    void submitAndRepairTakeTheSettingsTheyHaveFlagsFor() throws IOException {
        Path file =
                yaml(
                        """
                        pipelines: dau
                        run.mode: stream
                        run.parallelism: 4
                        lake.path: /tmp/l
                        checkpoint.dir: file:///shared/cp
                        kafka.lookback: P1D
                        backfill.source: lake
                        """);
        SubmitCommand submit = new SubmitCommand();
        new CommandLine(submit)
                .parseArgs("--jobmanager", "localhost:8081", "--config", file.toString());
        assertThat(submit.parallelism).isEqualTo(4);
        assertThat(submit.job.checkpointDir).isEqualTo("file:///shared/cp");
        assertThat(submit.job.pipelines).containsExactly("dau");

        RepairCommand repair = new RepairCommand();
        new CommandLine(repair).parseArgs("--config", file.toString(), "--parallelism", "1");
        assertThat(repair.lake).isEqualTo("/tmp/l");
        assertThat(repair.kafka.lookback).isEqualTo(Duration.ofDays(1));
        assertThat(repair.source).isEqualTo("lake");
        assertThat(repair.local.parallelism).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run, unknown key|run|kafka.max-dealy: PT1M|unknown setting 'kafka.max-dealy' (the settings are listed in docs/configuration.md)",
                "run, wrong type|run|kafka.max-delay: ten minutes|kafka.max-delay: expected a duration (ISO-8601 like PT10M or P2D, or like 10 min, 10s, 2 d), was 'ten minutes'",
                "submit, wrong type|submit --jobmanager localhost:8081|run.parallelism: many|run.parallelism: expected an integer, was 'many'",
                "repair, unknown key|repair|quality.rules: strict|unknown setting 'quality.rules' (the settings are listed in docs/configuration.md)",
            })
    void aBadFileIsOneLineNamingFileAndKey(String name, String command, String text, String message)
            throws IOException {
        Path file = yaml(text);
        String[] args = (command + " --config " + file).split(" ");
        CliRun run = CliRun.of(args);
        assertThat(run.code()).as(name).isEqualTo(2);
        assertThat(run.err()).as(name).isEqualTo("lakestream: " + file + ": " + message + "\n");
    }

    @Test
    void aMissingFileIsOneLine() {
        Path file = dir.resolve("missing.yaml");
        CliRun run = CliRun.of("run", "--config", file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("lakestream: " + file + ": no such file\n");
    }

    @Test
    void helpShowsTheFilesDefaults() throws IOException {
        Path file = yaml("kafka.max-delay: 7 min\n");
        CliRun run = CliRun.of("run", "--config", file.toString(), "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("(default PT7M)").contains("--config=FILE");
    }

    /** The registry and {@code run} cannot drift: each setting is an option of its type. */
    @Test
    void everySettingIsAnOptionOfRunWithItsDefault() {
        CommandSpec run = new CommandLine(new RunCommand()).getCommandSpec();
        for (Setting s : Settings.ALL) {
            OptionSpec option = run.findOption(s.flag());
            assertThat(option).as(s.key() + " -> " + s.flag()).isNotNull();
            if (s.defaultValue() == null) {
                assertThat(option.defaultValue()).as(s.key()).isNull();
            } else if (s.type() == SettingType.DURATION) {
                assertThat(Duration.parse(option.defaultValue()))
                        .as(s.key())
                        .isEqualTo(Duration.parse(s.defaultValue()));
            } else {
                assertThat(option.defaultValue()).as(s.key()).isEqualTo(s.defaultValue());
            }
        }
    }

    @Test
    void theCommandsThatTakeSettingsTakeConfig() {
        for (Object command :
                new Object[] {
                    new RunCommand(),
                    new SubmitCommand(),
                    new RepairCommand(),
                    new K8sCommand.Render()
                }) {
            CommandSpec spec = new CommandLine(command).getCommandSpec();
            assertThat(spec.findOption("--config")).as(spec.name()).isNotNull();
            long covered =
                    spec.options().stream()
                            .filter(o -> Settings.byFlag(o.longestName()).isPresent())
                            .count();
            assertThat(covered).as(spec.name()).isPositive();
        }
    }
}
