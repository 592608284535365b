package io.lakestream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds secrets written into manifests. Credentials may only reach a pod as environment variables
 * (or files) from a Kubernetes Secret ({@code valueFrom.secretKeyRef}); a manifest holds the
 * Secret's name and key, never the value.
 */
final class Secrets {

    /** Names of fields and variables that carry credentials. */
    static final Pattern SECRET_NAME =
            Pattern.compile(
                    "(?i).*(password|passwd|secret|token|credential|access[-_.]?key|private[-_.]?key|sasl[-_.]?jaas).*");

    /** A JAAS line or URL with a literal password ({@code password="..."} not from ${ENV}). */
    private static final Pattern INLINE_PASSWORD =
            Pattern.compile("(?i)password\\s*[=:]\\s*\"?(?!\\$\\{)[^\\s\"]+");

    private Secrets() {}

    /** The violations in one document, each with the JSON path where it was found. */
    static List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        if ("Secret".equals(doc.path("kind").asText())) {
            out.add("$: a Secret manifest; create Secrets outside the repository");
        }
        walk(doc, "$", out);
        return out;
    }

    private static void walk(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            if (node.has("name") && (node.has("value") || node.has("valueFrom"))) {
                checkEnv(node, path, out);
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                String child = path + "." + key;
                if (value.isValueNode()
                        && !value.isNull()
                        && SECRET_NAME.matcher(key).matches()
                        && !value.asText().isEmpty()) {
                    out.add(child + ": a literal value for a credential field");
                }
                walk(value, child, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", out);
            }
        } else if (node.isTextual() && INLINE_PASSWORD.matcher(node.asText()).find()) {
            out.add(path + ": a literal password inside a value");
        }
    }

    /** An env entry whose name is a credential must come from a Secret. */
    private static void checkEnv(JsonNode env, String path, List<String> out) {
        String name = env.path("name").asText();
        if (!SECRET_NAME.matcher(name).matches()) {
            return;
        }
        if (env.has("value")) {
            out.add(path + ": env " + name + " has a literal value");
        } else if (!env.at("/valueFrom/secretKeyRef").isObject()) {
            out.add(path + ": env " + name + " is not taken from a Secret (secretKeyRef)");
        }
    }
}
