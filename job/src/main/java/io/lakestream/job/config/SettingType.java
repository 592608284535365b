package io.lakestream.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakestream.job.ByteSize;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The type of a setting: how a YAML value is checked and turned into the text its command-line flag
 * takes. Each {@link #toFlagValue} throws {@link IllegalArgumentException} with what is expected.
 */
public enum SettingType {
    STRING("string") {
        @Override
        String convert(String text) {
            return text;
        }
    },
    LIST("list") {
        @Override
        String toFlagValue(JsonNode value) {
            if (!value.isArray()) {
                return super.toFlagValue(value);
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException(expected());
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }

        @Override
        String convert(String text) {
            return text;
        }

        @Override
        String expected() {
            return "a list (a YAML list or comma-separated names)";
        }
    },
    PATH("path") {
        @Override
        String convert(String text) {
            return text;
        }
    },
    DATE("date") {
        @Override
        String convert(String text) {
            try {
                return LocalDate.parse(text).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(expected());
            }
        }

        @Override
        String expected() {
            return "a date (YYYY-MM-DD)";
        }
    },
    DURATION("duration") {
        @Override
        String convert(String text) {
            return Durations.parse(text).toString();
        }

        @Override
        String expected() {
            return "a duration (ISO-8601 like PT10M or P2D, or like 10 min, 10s, 2 d)";
        }
    },
    INTEGER("integer") {
        @Override
        String convert(String text) {
            try {
                return Long.toString(Long.parseLong(text.replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected());
            }
        }

        @Override
        String expected() {
            return "an integer";
        }
    },
    NUMBER("number") {
        @Override
        String convert(String text) {
            try {
                return Double.toString(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected());
            }
        }

        @Override
        String expected() {
            return "a number (e.g. 0.05)";
        }
    },
    SIZE("size") {
        @Override
        String convert(String text) {
            ByteSize.parse("size", text);
            return text;
        }

        @Override
        String expected() {
            return "a size (e.g. 128MB, 1GB)";
        }
    };

    private final String label;

    SettingType(String label) {
        this.label = label;
    }

    /** The type's name in the docs. */
    public String label() {
        return label;
    }

    /** The value as its flag would be given it on the command line; checked. */
    String toFlagValue(JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException(expected());
        }
        try {
            return convert(value.asText().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected(), e);
        }
    }

    abstract String convert(String text);

    /** What a value of this type looks like, for error messages. */
    String expected() {
        return "a " + label;
    }
}
