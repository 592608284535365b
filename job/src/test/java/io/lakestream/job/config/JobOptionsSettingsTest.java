package io.lakestream.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.job.JobOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every option that defines a job has a setting of its type and default. */
class JobOptionsSettingsTest {

    private static final Map<Class<?>, SettingType> TYPES =
            Map.of(
                    String.class, SettingType.STRING,
                    String[].class, SettingType.LIST,
                    Path.class, SettingType.PATH,
                    Duration.class, SettingType.DURATION,
                    LocalDate.class, SettingType.DATE,
                    long.class, SettingType.INTEGER,
                    int.class, SettingType.INTEGER,
                    Integer.class, SettingType.INTEGER,
                    Double.class, SettingType.NUMBER);

    @Test
    void everyJobOptionHasASetting() {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new JobOptions());
        assertThat(spec.options()).isNotEmpty();
        for (OptionSpec option : spec.options()) {
            String flag = option.longestName();
            assertThat(Settings.byFlag(flag)).as(flag + " has a setting").isPresent();
            Setting s = Settings.byFlag(flag).orElseThrow();
            if (s.type() != SettingType.SIZE) {
                assertThat(s.type()).as(flag).isEqualTo(TYPES.get(option.type()));
            }
            assertThat(s.defaultValue()).as(flag + " default").isEqualTo(option.defaultValue());
        }
    }
}
