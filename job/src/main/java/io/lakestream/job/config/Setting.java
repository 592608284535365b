package io.lakestream.job.config;

import java.util.Objects;

/**
 * One setting of the configuration file: its key ({@code kafka.max-delay}), the command-line flag
 * it gives a default to ({@code --max-delay}), its type, its default as the docs show it (null:
 * none), what it does, and whether it is a secret (a secret's value is never printed, in errors or
 * docs).
 */
public record Setting(
        String key,
        String flag,
        SettingType type,
        String defaultValue,
        String description,
        boolean secret) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    static Setting of(
            String key, String flag, SettingType type, String defaultValue, String description) {
        return new Setting(key, flag, type, defaultValue, description, false);
    }

    static Setting secret(String key, String flag, String description) {
        return new Setting(key, flag, SettingType.STRING, null, description, true);
    }

    /** The value for messages: the value itself, or a mask for a secret. */
    String shown(String value) {
        return secret ? "<secret>" : "'" + value + "'";
    }
}
