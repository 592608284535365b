package io.lakestream.job.config;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults from the command's {@code --config} file: picocli asks after parsing, for each option
 * not given on the command line, so a flag always wins over the file and the file over the option's
 * own default (which applies when this returns null).
 */
public final class ConfigDefaults implements IDefaultValueProvider {

    /**
     * Put before the value of a secret setting handed to picocli, so the option can tell the file's
     * value from one typed on the command line (which cannot hold this character) and refuse the
     * latter; the option strips it.
     */
    public static final String FROM_FILE = "\u0000";

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        ConfigFile file = configOf(arg.command());
        if (file == null) {
            return null;
        }
        String value = file.valueFor(option.longestName()).orElse(null);
        boolean secret = Settings.byFlag(option.longestName()).map(Setting::secret).orElse(false);
        return value != null && secret ? FROM_FILE + value : value;
    }

    private static ConfigFile configOf(CommandSpec command) {
        for (CommandSpec mixin : command.mixins().values()) {
            if (mixin.userObject() instanceof ConfigOption option) {
                return option.file();
            }
        }
        return null;
    }
}
