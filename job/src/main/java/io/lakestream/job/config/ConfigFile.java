package io.lakestream.job.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code lakestream.yaml}, read and checked against {@link Settings}: every key known, every
 * value of its setting's type. Keys nest ({@code kafka: {max-delay: PT10M}}) or are dotted ({@code
 * kafka.max-delay: PT10M}). Values are kept as the text their flag takes.
 */
public final class ConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final Map<String, String> byFlag;

    private ConfigFile(Path file, Map<String, String> byFlag) {
        this.file = file;
        this.byFlag = Collections.unmodifiableMap(byFlag);
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws ConfigException naming the file (and the key) for a missing or unreadable file,
     *     invalid YAML, an unknown key or a value of the wrong type
     */
    public static ConfigFile load(Path file) {
        JsonNode root;
        try {
            String text = Files.readString(file);
            root = YAML.readTree(text);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (JacksonException e) {
            throw new ConfigException(
                    file
                            + ": not valid YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + location(e));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read it: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(file, new LinkedHashMap<>());
        }
        if (!root.isObject()) {
            throw new ConfigException(
                    file
                            + ": expected a mapping of settings (key: value), see docs/configuration.md");
        }
        Map<String, String> values = new LinkedHashMap<>();
        collect(file, "", root, values);
        return new ConfigFile(file, values);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static void collect(Path file, String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            Optional<Setting> setting = Settings.byKey(key);
            if (setting.isEmpty()) {
                if (value.isObject()) {
                    collect(file, key + ".", value, out);
                    continue;
                }
                throw new ConfigException(
                        file
                                + ": unknown setting '"
                                + key
                                + "' (the settings are listed in"
                                + " docs/configuration.md)");
            }
            Setting s = setting.get();
            if (value.isNull()) {
                throw new ConfigException(
                        file
                                + ": "
                                + key
                                + " has no value: expected "
                                + s.type().expected()
                                + ", or remove the line");
            }
            String flagValue;
            try {
                flagValue = s.type().toFlagValue(value);
            } catch (IllegalArgumentException e) {
                String was = value.isValueNode() ? ", was " + s.shown(value.asText()) : "";
                throw new ConfigException(file + ": " + key + ": expected " + e.getMessage() + was);
            }
            if (out.put(s.flag(), flagValue) != null) {
                throw new ConfigException(file + ": " + key + " is given twice");
            }
        }
    }

    /** The file this was read from. */
    public Path file() {
        return file;
    }

    /** The value the file gives the flag {@code flag} (e.g. {@code --max-delay}), if any. */
    public Optional<String> valueFor(String flag) {
        return Optional.ofNullable(byFlag.get(flag));
    }

    /** The values of the file, by flag, in the file's order. */
    public Map<String, String> values() {
        return byFlag;
    }
}
