package io.lakestream.job.config;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE}: a mixin for the commands whose options {@link Settings} covers. The file
 * is read and checked when the option is parsed; its values become the defaults of the command's
 * flags through {@link ConfigDefaults}, which the command names as its default value provider.
 */
public final class ConfigOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private ConfigFile config;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "A lakestream.yaml whose settings become the defaults of these options; a flag"
                            + " given here wins (see docs/configuration.md).")
    void config(Path file) {
        if (file == null) {
            config = null;
            return;
        }
        try {
            config = ConfigFile.load(file);
        } catch (ConfigException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage(), e);
        }
    }

    /** The file given with {@code --config}, or null. */
    public ConfigFile file() {
        return config;
    }
}
