package io.lakestream.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading lakestream.yaml: values as their flags take them, and one-line errors. */
class ConfigFileTest {

    @TempDir Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("lakestream.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void nestedAndDottedKeysGiveTheirFlagsValues() throws IOException {
        ConfigFile config =
                ConfigFile.load(
                        yaml(
                                "pipelines: [ingest, dau]\n"
                                        + "kafka:\n"
                                        + "  bootstrap: broker:9092\n"
                                        + "  max-delay: 5 min\n"
                                        + "kafka.lookback: P1D\n"
                                        + "state: {dedup-ids-per-day: 1_000}\n"
                                        + "backfill.from: 2026-11-01\n"
                                        + "compaction:\n"
                                        + "  on-publish: 64MB\n"));
        assertThat(config.values())
                .containsExactly(
                        java.util.Map.entry("--pipelines", "ingest,dau"),
                        java.util.Map.entry("--bootstrap", "broker:9092"),
                        java.util.Map.entry("--max-delay", "PT5M"),
                        java.util.Map.entry("--lookback", "PT24H"),
                        java.util.Map.entry("--dedup-ids-per-day", "1000"),
                        java.util.Map.entry("--from", "2026-11-01"),
                        java.util.Map.entry("--compact-on-publish", "64MB"));
        assertThat(config.valueFor("--topic")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "PT10M|PT10M",
                "pt10m|PT10M",
                "P2D|PT48H",
                "10 min|PT10M",
                "10s|PT10S",
                "500 ms|PT0.5S",
                "2 d|PT48H",
                "1 hour|PT1H",
            })
    void durationsAreIsoOrFlinkStyle(String text, String iso) throws IOException {
        assertThat(ConfigFile.load(yaml("kafka.max-delay: " + text)).valueFor("--max-delay"))
                .contains(iso);
    }

    @Test
    void anEmptyFileSetsNothing() throws IOException {
        assertThat(ConfigFile.load(yaml("# nothing\n")).values()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown key|kafka.max-dealy: PT1M|lakestream.yaml: unknown setting 'kafka.max-dealy'",
                "unknown group|quality: {max-null-rate: 0.1}|lakestream.yaml: unknown setting 'quality.max-null-rate'",
                "wrong duration|kafka.max-delay: ten minutes|lakestream.yaml: kafka.max-delay: expected a duration (ISO-8601 like PT10M or P2D, or like 10 min, 10s, 2 d), was 'ten minutes'",
                "wrong integer|run.parallelism: two|lakestream.yaml: run.parallelism: expected an integer, was 'two'",
                "wrong date|backfill.from: 2026-13-01|lakestream.yaml: backfill.from: expected a date (YYYY-MM-DD), was '2026-13-01'",
                "wrong size|compaction.on-publish: big|lakestream.yaml: compaction.on-publish: expected a size (e.g. 128MB, 1GB), was 'big'",
                "list for a string|kafka.topic: [a, b]|lakestream.yaml: kafka.topic: expected a string",
                "no value|kafka.topic:|lakestream.yaml: kafka.topic has no value",
                "twice|kafka.topic: a\\nkafka: {topic: b}|lakestream.yaml: kafka.topic is given twice",
                "not a mapping|- a|lakestream.yaml: expected a mapping of settings",
                "not yaml|kafka: [a|lakestream.yaml: not valid YAML",
            })
    void mistakesAreOneLineNamingFileAndKey(String name, String text, String message)
            throws IOException {
        Path file = yaml(text.replace("\\n", "\n"));
        assertThatThrownBy(() -> ConfigFile.load(file))
                .as(name)
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e -> {
                            assertThat(e.getMessage()).startsWith(dir.toString()).contains(message);
                            assertThat(e.getMessage().lines()).hasSize(1);
                        });
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void aSecretIsNeverShown() {
        Setting password =
                new Setting("kafka.password", "--password", SettingType.INTEGER, null, "x", true);
        assertThat(password.shown("hunter2")).isEqualTo("<secret>").doesNotContain("hunter2");
        assertThat(Settings.ALL)
                .filteredOn(Setting::secret)
                .extracting(Setting::key)
                .containsExactly("kafka.password", "kafka.ssl-truststore-password");
    }
}
