package io.lakestream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates custom resources against the OpenAPI v3 schemas of CRDs, the way the Kubernetes API
 * server does with strict field validation ({@code kubectl apply --validate=strict}, the default).
 *
 * <p>A CRD's {@code openAPIV3Schema} (a structural schema) is converted into a JSON Schema (draft
 * 2019-09), because the two agree on {@code type}, {@code properties}, {@code items}, {@code
 * required}, {@code enum}, {@code anyOf} and {@code additionalProperties}. What differs:
 *
 * <ul>
 *   <li>In a structural schema an object that lists {@code properties} is closed unless it says
 *       {@code x-kubernetes-preserve-unknown-fields: true}: the API server prunes (or, strictly,
 *       rejects) unknown fields. JSON Schema leaves objects open, so the conversion adds {@code
 *       additionalProperties: false} to every object with {@code properties} and neither {@code
 *       additionalProperties} nor {@code x-kubernetes-preserve-unknown-fields}.
 *   <li>{@code nullable: true} becomes a {@code "null"} member of {@code type}.
 *   <li>{@code x-kubernetes-*} keys are dropped after that; {@code x-kubernetes-int-or-string}
 *       comes with its own {@code anyOf [integer, string]}, which is kept. {@code format} is
 *       dropped (the API server does not reject on {@code int32}/{@code int64}), as are {@code
 *       description} and {@code default}.
 *   <li>A CRD's schema says nothing about {@code apiVersion}, {@code kind} and {@code metadata}:
 *       the API server checks them itself. The conversion adds them at the root: {@code apiVersion}
 *       must be {@code group/version}, {@code kind} the CRD's kind, {@code metadata} an ObjectMeta
 *       with a {@code name}.
 * </ul>
 */
final class CrdSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchemaFactory FACTORY =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909);

    /** One validating schema per {@code apiVersion + "/" + kind}. */
    private final Map<String, JsonSchema> byKind = new HashMap<>();

    private CrdSchemas() {}

    /** Loads every CRD file in {@code dir} and keeps the schema of its {@code version}. */
    static CrdSchemas load(Path dir, String version) throws IOException {
        CrdSchemas schemas = new CrdSchemas();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path file :
                    files.filter(
                                    p ->
                                            p.toString().endsWith(".yml")
                                                    || p.toString().endsWith(".yaml"))
                            .sorted()
                            .toList()) {
                for (JsonNode crd : Manifests.readAll(file)) {
                    schemas.add(crd, version);
                }
            }
        }
        return schemas;
    }

    /** The schemas of the given CRDs' {@code version}. */
    static CrdSchemas load(List<JsonNode> crds, String version) {
        CrdSchemas schemas = new CrdSchemas();
        crds.forEach(crd -> schemas.add(crd, version));
        return schemas;
    }

    /** Adds one CRD (a parsed {@code CustomResourceDefinition}). */
    void add(JsonNode crd, String version) {
        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
            throw new IllegalArgumentException("not a CRD: " + crd.path("metadata").path("name"));
        }
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText();
        for (JsonNode v : crd.at("/spec/versions")) {
            if (version.equals(v.path("name").asText())) {
                String apiVersion = group + "/" + version;
                JsonNode openApi = v.at("/schema/openAPIV3Schema");
                byKind.put(
                        apiVersion + "/" + kind,
                        FACTORY.getSchema(toJsonSchema(openApi, apiVersion, kind)));
            }
        }
    }

    boolean knows(String apiVersion, String kind) {
        return byKind.containsKey(apiVersion + "/" + kind);
    }

    /** The violations of one resource, sorted; empty when the API server would accept it. */
    List<String> validate(JsonNode resource) {
        String key = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
        JsonSchema schema = byKind.get(key);
        if (schema == null) {
            return List.of("no CRD for " + key);
        }
        Set<String> messages = new TreeSet<>();
        for (ValidationMessage m : schema.validate(resource)) {
            messages.add(m.getMessage());
        }
        return new ArrayList<>(messages);
    }

    /** The root schema of a custom resource: the CRD's schema plus the API server's envelope. */
    static ObjectNode toJsonSchema(JsonNode openApiV3Schema, String apiVersion, String kind) {
        ObjectNode root = convert(openApiV3Schema);
        root.put("type", "object");
        ObjectNode properties =
                root.has("properties") ? (ObjectNode) root.get("properties") : NODES.objectNode();
        root.set("properties", properties);
        properties.set("apiVersion", NODES.objectNode().put("const", apiVersion));
        properties.set("kind", NODES.objectNode().put("const", kind));
        properties.set("metadata", objectMeta());
        ArrayNode required = NODES.arrayNode();
        required.add("apiVersion").add("kind").add("metadata");
        if (root.has("required")) {
            root.get("required").forEach(r -> required.add(r.asText()));
        }
        root.set("required", required);
        if (!root.has("additionalProperties")) {
            root.put("additionalProperties", false);
        }
        return root;
    }

    /** Converts one structural-schema node (recursively) into JSON Schema. */
    static ObjectNode convert(JsonNode node) {
        ObjectNode out = NODES.objectNode();
        boolean preserveUnknown =
                node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties" -> {
                    ObjectNode props = NODES.objectNode();
                    value.fields()
                            .forEachRemaining(p -> props.set(p.getKey(), convert(p.getValue())));
                    out.set("properties", props);
                }
                case "items", "not" -> out.set(key, convert(value));
                case "additionalProperties" ->
                        out.set(key, value.isObject() ? convert(value) : value.deepCopy());
                case "anyOf", "allOf", "oneOf" -> {
                    ArrayNode list = NODES.arrayNode();
                    value.forEach(v -> list.add(convert(v)));
                    out.set(key, list);
                }
                case "nullable", "format", "description", "default", "example", "externalDocs" -> {
                    // see the class comment
                }
                default -> {
                    if (!key.startsWith("x-kubernetes-")) {
                        out.set(key, value.deepCopy());
                    }
                }
            }
        }
        if (node.path("nullable").asBoolean(false) && out.has("type")) {
            out.set("type", NODES.arrayNode().add(out.get("type").asText()).add("null"));
        }
        if (out.has("properties") && !out.has("additionalProperties") && !preserveUnknown) {
            out.put("additionalProperties", false);
        }
        return out;
    }

    /** The part of ObjectMeta a manifest may set; the API server rejects anything else. */
    private static ObjectNode objectMeta() {
        ObjectNode stringMap =
                NODES.objectNode()
                        .put("type", "object")
                        .set("additionalProperties", NODES.objectNode().put("type", "string"));
        ObjectNode string = NODES.objectNode().put("type", "string");
        ObjectNode props = NODES.objectNode();
        props.set("name", string.deepCopy().put("minLength", 1));
        props.set("generateName", string.deepCopy());
        props.set("namespace", string.deepCopy());
        props.set("labels", stringMap.deepCopy());
        props.set("annotations", stringMap.deepCopy());
        props.set(
                "finalizers",
                NODES.objectNode().put("type", "array").set("items", string.deepCopy()));
        ObjectNode meta = NODES.objectNode().put("type", "object");
        meta.set("properties", props);
        meta.set("required", NODES.arrayNode().add("name"));
        meta.put("additionalProperties", false);
        return meta;
    }
}
