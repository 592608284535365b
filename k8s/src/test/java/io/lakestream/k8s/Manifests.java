package io.lakestream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The manifests under {@code k8s/}: reading YAML files and walking the kustomize tree. */
final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper();

    /** The module's directory, {@code k8s/} (surefire runs the tests there). */
    static final Path ROOT = Path.of("").toAbsolutePath();

    static final Path CRDS = ROOT.resolve("crds");

    private Manifests() {}

    /** Every document of a (multi-document) YAML file, skipping empty ones. */
    static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static JsonNode readOne(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every Kubernetes manifest under {@code k8s/}: the YAML files outside {@code crds/} and {@code
     * target/}, except the kustomization files themselves.
     */
    static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> isYaml(p))
                    .filter(p -> !isKustomization(p))
                    .filter(p -> !p.startsWith(CRDS) && !p.startsWith(ROOT.resolve("target")))
                    .filter(p -> !p.startsWith(ROOT.resolve("src")))
                    .sorted()
                    .toList();
        }
    }

    /** Every directory under {@code k8s/} that holds a kustomization.yaml. */
    static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .filter(p -> !p.startsWith(ROOT.resolve("target")))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        }
    }

    /**
     * The manifest files a kustomization renders, resolving {@code resources} recursively (a file
     * or a directory with its own kustomization.yaml). This layout uses no patches, so what {@code
     * kustomize build} emits is these documents with the kustomization's {@code namespace} set.
     */
    static List<Path> resolve(Path kustomizationDir) throws IOException {
        Path file = kustomizationDir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no kustomization.yaml in " + kustomizationDir);
        }
        JsonNode k = YAML.readTree(file.toFile());
        for (String unsupported : List.of("patches", "patchesStrategicMerge", "patchesJson6902")) {
            if (k.has(unsupported)) {
                throw new IllegalStateException(
                        file + " uses " + unsupported + ": keep overlays as complete manifests");
            }
        }
        List<Path> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = kustomizationDir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(resolve(p));
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalStateException(file + " lists a missing resource: " + r.asText());
            }
        }
        return out;
    }

    /** The documents an overlay renders, in order. */
    static List<JsonNode> render(Path kustomizationDir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path p : resolve(kustomizationDir)) {
            docs.addAll(readAll(p));
        }
        return docs;
    }

    static String relative(Path p) {
        return ROOT.relativize(p).toString();
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static boolean isKustomization(Path p) {
        return p.getFileName().toString().equals("kustomization.yaml");
    }
}
