package io.lakestream.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where {@code kubectl} is on the PATH (it is not needed for the build), checks that {@code kubectl
 * kustomize} renders each overlay to exactly the documents the other tests validated, with the
 * overlay's namespace set: the validated files are what gets applied. Skipped without kubectl.
 */
class KustomizeRenderTest {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/stream", "overlays/backfill", "overlays/session-job"})
    void kubectlKustomizeRendersTheValidatedManifests(String overlay) throws Exception {
        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not on the PATH");
        Path dir = Manifests.ROOT.resolve(overlay);
        Process p =
                new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<JsonNode> rendered = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                Manifests.YAML.readerFor(JsonNode.class).readValues(out)) {
            it.forEachRemaining(rendered::add);
        }
        String namespace =
                Manifests.YAML
                        .readTree(dir.resolve("kustomization.yaml").toFile())
                        .path("namespace")
                        .asText();
        for (JsonNode doc : rendered) {
            assertThat(doc.at("/metadata/namespace").asText()).isEqualTo(namespace);
        }
        assertThat(byName(rendered)).isEqualTo(byName(Manifests.render(dir)));
    }

    /** Documents keyed by kind/name, without metadata.namespace (kustomize sets it). */
    private static Map<String, JsonNode> byName(List<JsonNode> docs) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode doc : docs) {
            ObjectNode copy = doc.deepCopy();
            ((ObjectNode) copy.get("metadata")).remove("namespace");
            // kustomize rewrites the subjects' namespace of a RoleBinding too
            copy.path("subjects").forEach(s -> ((ObjectNode) s).remove("namespace"));
            out.put(doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText(), copy);
        }
        return out;
    }

    private static Path onPath(String name) throws IOException {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
