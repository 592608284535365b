package io.lakestream.deploy.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes manifests' templates (resources next to this class, the source of the manifests
 * under {@code k8s/}) and how they are filled in. A template is YAML with three kinds of
 * placeholders:
 *
 * <ul>
 *   <li>{@code {{key}}} inside a line: replaced by a plain value (a name, an image, a URI), which
 *       must be safe as an unquoted YAML scalar;
 *   <li>a line that is only {@code {{key}}}: replaced by the block's lines at that indentation
 *       (e.g. the job's arguments as list items), or removed when the block is empty;
 *   <li>a line that is only {@code {{include:name}}}: the template {@code name.yaml}, filled in.
 * </ul>
 *
 * An unknown placeholder is an error, so a template and its renderer cannot drift apart silently.
 */
public final class ManifestTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z:-]+)}}");

    /** A value that YAML reads back as the same string without quotes. */
    private static final Pattern PLAIN = Pattern.compile("-{0,2}[A-Za-z][A-Za-z0-9_./:,@+=-]*");

    /** Plain values YAML 1.1 would read as booleans or null. */
    private static final Set<String> RESERVED =
            Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    /** A plain value for an inline placeholder: a name, an image, a URI, a number, a path. */
    private static final Pattern INLINE = Pattern.compile("[A-Za-z0-9/][A-Za-z0-9_./:@+=-]*");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestTemplate() {}

    /**
     * Fills in the template {@code name} (a resource {@code name.yaml} next to this class).
     *
     * @throws IllegalArgumentException if an inline value is not a plain YAML scalar
     * @throws IllegalStateException if the template has a placeholder without a value
     */
    public static String render(
            String name, Map<String, String> values, Map<String, List<String>> blocks) {
        StringBuilder out = new StringBuilder();
        for (String line : load(name).split("\n", -1)) {
            String trimmed = line.strip();
            Matcher whole = PLACEHOLDER.matcher(trimmed);
            if (whole.matches()) {
                String key = whole.group(1);
                String indent = line.substring(0, line.indexOf('{'));
                if (key.startsWith("include:")) {
                    String included = render(key.substring("include:".length()), values, blocks);
                    out.append(included.endsWith("\n") ? included : included + "\n");
                    continue;
                }
                List<String> block = blocks.get(key);
                if (block == null) {
                    throw new IllegalStateException(name + ".yaml: no block for {{" + key + "}}");
                }
                for (String b : block) {
                    out.append(indent).append(b).append('\n');
                }
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                String key = m.group(1);
                String value = values.get(key);
                if (value == null) {
                    throw new IllegalStateException(name + ".yaml: no value for {{" + key + "}}");
                }
                if (!INLINE.matcher(value).matches()) {
                    throw new IllegalArgumentException(
                            key
                                    + " '"
                                    + value
                                    + "' is not a plain value (letters, digits, ./:@+=-)");
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            m.appendTail(filled);
            out.append(filled).append('\n');
        }
        // the split keeps a last empty element after the final newline
        return out.substring(0, out.length() - 1);
    }

    /** Whether {@code value} can fill an inline placeholder (a plain YAML scalar). */
    public static boolean isInline(String value) {
        return INLINE.matcher(value).matches();
    }

    /** {@code value} as a YAML scalar that reads back as this string: plain, or double-quoted. */
    public static String scalar(String value) {
        if (PLAIN.matcher(value).matches()
                && !value.endsWith(":")
                && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        try {
            return JSON.writeValueAsString(value); // a JSON string is a YAML double-quoted scalar
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String load(String name) {
        try (InputStream in = ManifestTemplate.class.getResourceAsStream(name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("no template " + name + ".yaml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
