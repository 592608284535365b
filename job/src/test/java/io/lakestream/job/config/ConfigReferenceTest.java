package io.lakestream.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md and lakestream.example.yaml are generated from {@link Settings}; these
 * tests fail when the committed files differ. {@code -Dlakestream.regenerate=true} rewrites them.
 */
class ConfigReferenceTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String HOW =
            " is out of date with io.lakestream.job.config.Settings: regenerate it with"
                    + " mvn -B -o -pl job -am test -Dtest=ConfigReferenceTest"
                    + " -Dsurefire.failIfNoSpecifiedTests=false -Dlakestream.regenerate=true";

    @Test
    void docsAreGeneratedFromTheSettings() throws IOException {
        check(ConfigReference.DOCS, ConfigReference.markdown());
    }

    @Test
    void exampleIsGeneratedFromTheSettings() throws IOException {
        check(ConfigReference.EXAMPLE, ConfigReference.exampleYaml());
    }

    @Test
    void everySettingIsInTheDocsTable() {
        String md = ConfigReference.markdown();
        for (Setting s : Settings.ALL) {
            assertThat(md).contains("| `" + s.key() + "` | `" + s.flag() + "` |");
        }
    }

    @Test
    void theExampleParsesToTheDefaults() throws IOException {
        ConfigFile example = ConfigFile.load(ROOT.resolve(ConfigReference.EXAMPLE));
        for (Setting s : Settings.ALL) {
            if (s.defaultValue() == null) {
                assertThat(example.valueFor(s.flag())).as(s.key()).isEmpty();
            } else {
                String expected =
                        s.type()
                                .toFlagValue(
                                        com.fasterxml.jackson.databind.node.TextNode.valueOf(
                                                s.defaultValue()));
                assertThat(example.valueFor(s.flag())).as(s.key()).contains(expected);
            }
        }
    }

    @Test
    void theCommentedExamplesParseToo() throws IOException {
        String uncommented =
                ConfigReference.exampleYaml()
                        .lines()
                        .map(l -> l.replaceFirst("^(\\s*)# ([a-z-]+: )", "$1$2"))
                        .map(l -> l.replaceFirst("^# ([a-z]+:)$", "$1"))
                        .reduce("", (a, b) -> a + b + "\n");
        Path file = Files.createTempFile("lakestream", ".yaml");
        try {
            Files.writeString(file, uncommented);
            assertThat(ConfigFile.load(file).values()).hasSize(Settings.ALL.size());
        } finally {
            Files.delete(file);
        }
    }

    private static void check(String relative, String generated) throws IOException {
        Path file = ROOT.resolve(relative);
        if (Boolean.getBoolean("lakestream.regenerate")) {
            Files.writeString(file, generated);
        }
        String committed = Files.exists(file) ? Files.readString(file) : "";
        assertThat(committed).as(relative + HOW).isEqualTo(generated);
    }
}
