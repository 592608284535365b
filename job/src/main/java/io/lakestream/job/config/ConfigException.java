package io.lakestream.job.config;

/** A configuration file that cannot be used: one line naming the file, the key and the fix. */
public final class ConfigException extends IllegalArgumentException {

    ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
