package io.lakestream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every manifest under {@code k8s/} is checked against the Flink Kubernetes Operator's CRDs
 * (vendored in {@code k8s/crds/}) as the API server would check it; the negative cases prove the
 * check can fail.
 */
class ManifestSchemaTest {

    static final String FLINK_API = "flink.apache.org/v1beta1";
    static final String ENTRY_CLASS = "io.lakestream.job.JobMain";
    static final Set<String> CORE_KINDS =
            Set.of("ServiceAccount", "Role", "RoleBinding", "PersistentVolumeClaim");

    static CrdSchemas schemas;

    @BeforeAll
    static void loadCrds() throws IOException {
        schemas = CrdSchemas.load(Manifests.CRDS, "v1beta1");
    }

    @Test
    void theOperatorCrdsAreInTheRepository() {
        assertThat(schemas.knows(FLINK_API, "FlinkDeployment")).isTrue();
        assertThat(schemas.knows(FLINK_API, "FlinkSessionJob")).isTrue();
        assertThat(schemas.knows(FLINK_API, "FlinkStateSnapshot")).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> everyManifestIsValid() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int customResources = 0;
        for (Path file : Manifests.manifestFiles()) {
            List<JsonNode> docs = Manifests.readAll(file);
            assertThat(docs).as(Manifests.relative(file)).isNotEmpty();
            for (JsonNode doc : docs) {
                String name =
                        Manifests.relative(file)
                                + ": "
                                + doc.path("kind").asText()
                                + " "
                                + doc.at("/metadata/name").asText();
                if (doc.path("apiVersion").asText().startsWith("flink.apache.org/")) {
                    customResources++;
                    tests.add(
                            DynamicTest.dynamicTest(
                                    name,
                                    () -> {
                                        assertThat(schemas.validate(doc)).as(name).isEmpty();
                                        assertThat(Policy.violations(doc)).as(name).isEmpty();
                                    }));
                } else {
                    tests.add(
                            DynamicTest.dynamicTest(
                                    name,
                                    () -> {
                                        assertThat(doc.path("kind").asText()).isIn(CORE_KINDS);
                                        assertThat(doc.path("apiVersion").asText()).isNotEmpty();
                                        assertThat(doc.at("/metadata/name").asText()).isNotEmpty();
                                    }));
                }
                tests.add(
                        DynamicTest.dynamicTest(
                                name + " has no inline secrets",
                                () -> assertThat(Secrets.violations(doc)).as(name).isEmpty()));
            }
        }
        // base, backfill, session cluster and session job: the tests above cannot pass vacuously
        assertThat(customResources).isGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    @Test
    void everyManifestIsPartOfAKustomizationAndEveryResourceExists() throws IOException {
        Set<Path> rendered = new TreeSet<>();
        for (Path dir : Manifests.kustomizations()) {
            rendered.addAll(Manifests.resolve(dir)); // throws on a missing resource
        }
        assertThat(rendered).containsExactlyInAnyOrderElementsOf(Manifests.manifestFiles());
        assertThat(Manifests.kustomizations())
                .map(Manifests::relative)
                .contains("base", "overlays/stream", "overlays/backfill", "overlays/session-job");
    }

    @Test
    void theStreamOverlayRunsThePipelinesAsAStreamingApplication() throws IOException {
        List<JsonNode> docs = Manifests.render(Manifests.ROOT.resolve("overlays/stream"));
        JsonNode dep = only(docs, "FlinkDeployment");
        JsonNode spec = dep.path("spec");
        assertThat(spec.path("image").asText()).isEqualTo("lakestream/job:0.1.0");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.at("/job/jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/lakestream-job.jar");
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("savepoint");
        List<String> args = args(spec);
        assertThat(args.get(0)).isEqualTo("run");
        assertThat(args)
                .containsSequence("--pipelines", "ingest,user_daily,dau,top_items")
                .containsSequence("--mode", "stream")
                .containsSequence("--lake", "/lake")
                .containsSequence("--bootstrap", "kafka:9092")
                .containsSequence("--topic", "events")
                .containsSequence("--checkpoint-interval", "PT10S")
                .doesNotContain("--config", "--from", "--to");
        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("execution.checkpointing.interval").asText()).isEqualTo("10s");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(conf.path("state.checkpoints.dir").asText()).startsWith("s3://");
        assertThat(conf.path("state.savepoints.dir").asText()).startsWith("s3://");
        assertThat(conf.path("job.autoscaler.enabled").asText()).isEqualTo("true");
        int min = conf.path("job.autoscaler.vertex.min-parallelism").asInt(-1);
        int max = conf.path("job.autoscaler.vertex.max-parallelism").asInt(-1);
        assertThat(min).isPositive().isLessThanOrEqualTo(max);
        assertThat(max).isLessThanOrEqualTo(conf.path("pipeline.max-parallelism").asInt());
        assertThat(conf.path("job.autoscaler.target.utilization").asDouble()).isBetween(0.1, 0.95);
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(serviceAccounts(docs)).contains(spec.path("serviceAccount").asText());
        assertThat(secretRefs(spec)).contains("lakestream-kafka", "lakestream-s3");
        assertNamespaced(Manifests.ROOT.resolve("overlays/stream"));
    }

    @Test
    void theBackfillOverlayRunsABoundedStatelessJob() throws IOException {
        List<JsonNode> docs = Manifests.render(Manifests.ROOT.resolve("overlays/backfill"));
        JsonNode spec = only(docs, "FlinkDeployment").path("spec");
        List<String> args = args(spec);
        assertThat(args).containsSequence("--mode", "backfill");
        assertThat(args).contains("--from", "--to");
        assertThat(args.get(args.indexOf("--from") + 1)).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(args.get(args.indexOf("--to") + 1)).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("stateless");
        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("execution.runtime-mode").asText()).isEqualTo("BATCH");
        assertThat(conf.path("kubernetes.operator.jm-deployment.shutdown-ttl").asText())
                .isNotEmpty();
        assertThat(serviceAccounts(docs)).contains(spec.path("serviceAccount").asText());
        assertNamespaced(Manifests.ROOT.resolve("overlays/backfill"));
    }

    @Test
    void everyFlinkDeploymentMountsTheLakeClaimOfItsKustomization() throws IOException {
        for (Path overlay :
                List.of(
                        Manifests.ROOT.resolve("base"),
                        Manifests.ROOT.resolve("overlays/backfill"),
                        Manifests.ROOT.resolve("overlays/session-job"))) {
            List<JsonNode> docs = Manifests.render(overlay);
            JsonNode claim = only(docs, "PersistentVolumeClaim");
            assertThat(claim.at("/spec/accessModes").toString()).contains("ReadWriteMany");
            for (JsonNode d : docs) {
                if (!d.path("kind").asText().equals("FlinkDeployment")) {
                    continue;
                }
                JsonNode pod = d.at("/spec/podTemplate/spec");
                assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText())
                        .as(overlay.toString())
                        .isEqualTo(claim.at("/metadata/name").asText());
                assertThat(pod.at("/containers/0/volumeMounts/0/mountPath").asText())
                        .isEqualTo("/lake");
            }
        }
    }

    @Test
    void theSessionJobRunsOnTheSessionClusterOfItsOverlay() throws IOException {
        List<JsonNode> docs = Manifests.render(Manifests.ROOT.resolve("overlays/session-job"));
        JsonNode cluster = only(docs, "FlinkDeployment");
        JsonNode job = only(docs, "FlinkSessionJob");
        assertThat(cluster.at("/spec/job").isMissingNode()).as("a session cluster").isTrue();
        assertThat(job.at("/spec/deploymentName").asText())
                .isEqualTo(cluster.at("/metadata/name").asText());
        assertThat(job.at("/spec/job/entryClass").asText()).isEqualTo(ENTRY_CLASS);
        assertThat(job.at("/spec/job/jarURI").asText()).doesNotStartWith("local:");
        assertNamespaced(Manifests.ROOT.resolve("overlays/session-job"));
    }

    @Test
    void theEntryClassIsTheJobJarsMain() throws IOException {
        Path source =
                Manifests.ROOT.resolveSibling(
                        "job/src/main/java/" + ENTRY_CLASS.replace('.', '/') + ".java");
        assertThat(source).isRegularFile();
        assertThat(Files.readString(source)).contains("public static void main(");
        for (Path file : Manifests.manifestFiles()) {
            for (JsonNode doc : Manifests.readAll(file)) {
                JsonNode entry = doc.at("/spec/job/entryClass");
                if (!entry.isMissingNode()) {
                    assertThat(entry.asText()).as(file.toString()).isEqualTo(ENTRY_CLASS);
                }
            }
        }
    }

    // ---- negative cases: the validator rejects what the API server rejects -------------------

    @Test
    void aMisspelledFieldFails() throws IOException {
        ObjectNode dep = base();
        ObjectNode spec = (ObjectNode) dep.get("spec");
        spec.set("jobb", spec.remove("job"));
        assertThat(schemas.validate(dep)).anySatisfy(m -> assertThat(m).contains("jobb"));
    }

    @Test
    void aMisspelledFieldDeepInThePodTemplateFails() throws IOException {
        ObjectNode dep = base();
        ObjectNode container = (ObjectNode) dep.at("/spec/podTemplate/spec/containers/0");
        container.set("envv", container.remove("env"));
        assertThat(schemas.validate(dep)).anySatisfy(m -> assertThat(m).contains("envv"));

        ObjectNode badRef = base();
        ObjectNode ref =
                (ObjectNode) badRef.at("/spec/podTemplate/spec/containers/0/env/0/valueFrom");
        ref.set("secretRef", ref.remove("secretKeyRef"));
        assertThat(schemas.validate(badRef)).anySatisfy(m -> assertThat(m).contains("secretRef"));
    }

    @Test
    void aWrongEnumFails() throws IOException {
        ObjectNode dep = base();
        ((ObjectNode) dep.at("/spec/job")).put("upgradeMode", "sometimes");
        assertThat(schemas.validate(dep))
                .anySatisfy(m -> assertThat(m).contains("upgradeMode").contains("enum"));

        ObjectNode version = base();
        ((ObjectNode) version.get("spec")).put("flinkVersion", "v3_0");
        assertThat(schemas.validate(version))
                .anySatisfy(m -> assertThat(m).contains("flinkVersion"));
    }

    @Test
    void aWrongTypeFails() throws IOException {
        ObjectNode dep = base();
        ((ObjectNode) dep.at("/spec/job")).put("parallelism", "two");
        assertThat(schemas.validate(dep)).anySatisfy(m -> assertThat(m).contains("parallelism"));

        ObjectNode args = base();
        ((ObjectNode) args.at("/spec/job")).put("args", "run --mode stream");
        assertThat(schemas.validate(args)).anySatisfy(m -> assertThat(m).contains("args"));
    }

    @Test
    void aMissingRequiredFieldFails() throws IOException {
        // the operator's CRDs declare no `required` of their own; the API server requires these
        ObjectNode noName = base();
        ((ObjectNode) noName.get("metadata")).remove("name");
        assertThat(schemas.validate(noName)).anySatisfy(m -> assertThat(m).contains("name"));

        ObjectNode noKind = base();
        noKind.remove("kind");
        assertThat(schemas.validate(noKind)).isNotEmpty();

        ObjectNode noMetadata = base();
        noMetadata.remove("metadata");
        assertThat(schemas.validate(noMetadata))
                .anySatisfy(m -> assertThat(m).contains("metadata"));

        // and what this project requires of every FlinkDeployment (Policy)
        ObjectNode noVersion = base();
        ((ObjectNode) noVersion.get("spec")).remove("flinkVersion");
        assertThat(schemas.validate(noVersion)).isEmpty();
        assertThat(Policy.violations(noVersion)).contains("spec.flinkVersion is required");
    }

    @Test
    void requiredInACrdIsEnforced() {
        JsonNode crd =
                Manifests.readOne(
                        """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        spec:
                          group: example.com
                          names: {kind: Widget, plural: widgets}
                          versions:
                            - name: v1
                              schema:
                                openAPIV3Schema:
                                  type: object
                                  properties:
                                    spec:
                                      type: object
                                      required: [size]
                                      properties:
                                        size: {type: integer}
                                        labels: {type: object, x-kubernetes-preserve-unknown-fields: true}
                        """);
        CrdSchemas widgets = CrdSchemas.load(List.of(crd), "v1");
        JsonNode ok =
                Manifests.readOne(
                        "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w},"
                                + " spec: {size: 3, labels: {any: {nested: 1}}}}");
        JsonNode missing =
                Manifests.readOne(
                        "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}, spec: {}}");
        JsonNode wrongVersion =
                Manifests.readOne(
                        "{apiVersion: example.com/v2, kind: Widget, metadata: {name: w},"
                                + " spec: {size: 3}}");
        assertThat(widgets.validate(ok)).isEmpty();
        assertThat(widgets.validate(missing)).anySatisfy(m -> assertThat(m).contains("size"));
        assertThat(widgets.validate(wrongVersion)).isNotEmpty();
    }

    @Test
    void flinkConfigurationPreservesUnknownFields() throws IOException {
        ObjectNode dep = base();
        ((ObjectNode) dep.at("/spec/flinkConfiguration"))
                .put("some.future.option", "x")
                .putObject("nested")
                .put("yaml", 1);
        assertThat(schemas.validate(dep)).isEmpty();
    }

    @Test
    void theSessionJobSchemaIsClosedToo() throws IOException {
        ObjectNode job =
                (ObjectNode)
                        Manifests.readAll(
                                        Manifests.ROOT.resolve(
                                                "overlays/session-job/flinksessionjob.yaml"))
                                .get(0);
        ObjectNode spec = (ObjectNode) job.get("spec");
        spec.set("deploymentNam", spec.remove("deploymentName"));
        assertThat(schemas.validate(job)).anySatisfy(m -> assertThat(m).contains("deploymentNam"));
        assertThat(Policy.violations(job)).contains("spec.deploymentName is required");
    }

    @Test
    void inlineSecretsAreFound() throws IOException {
        ObjectNode env = (ObjectNode) base().at("/spec/podTemplate/spec/containers/0/env/1");
        env.remove("valueFrom");
        env.put("value", "hunter2");
        assertThat(Secrets.violations(env)).isNotEmpty();

        ObjectNode conf = base();
        ((ObjectNode) conf.at("/spec/flinkConfiguration")).put("s3.secret-key", "abc");
        assertThat(Secrets.violations(conf))
                .anySatisfy(m -> assertThat(m).contains("s3.secret-key"));

        ObjectNode jaas = base();
        ((ObjectNode) jaas.at("/spec/flinkConfiguration"))
                .put(
                        "kafka.properties",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"u\" password=\"p4ss\";");
        assertThat(Secrets.violations(jaas)).isNotEmpty();

        JsonNode secret =
                Manifests.readOne(
                        "{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {a: b}}");
        assertThat(Secrets.violations(secret)).isNotEmpty();

        ObjectNode fromEnv = base();
        ((ObjectNode) fromEnv.at("/spec/flinkConfiguration"))
                .put(
                        "sasl",
                        "username=\"${KAFKA_SASL_USERNAME}\" password=\"${KAFKA_SASL_PASSWORD}\"");
        assertThat(Secrets.violations(fromEnv)).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------

    private static ObjectNode base() throws IOException {
        return (ObjectNode)
                Manifests.readAll(Manifests.ROOT.resolve("base/flinkdeployment.yaml")).get(0);
    }

    private static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> matching =
                docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }

    private static List<String> args(JsonNode spec) {
        List<String> args = new ArrayList<>();
        spec.at("/job/args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static List<String> serviceAccounts(List<JsonNode> docs) {
        return docs.stream()
                .filter(d -> "ServiceAccount".equals(d.path("kind").asText()))
                .map(d -> d.at("/metadata/name").asText())
                .toList();
    }

    private static Set<String> secretRefs(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (JsonNode ref : node.findValues("secretKeyRef")) {
            names.add(ref.path("name").asText());
        }
        return names;
    }

    private static void assertNamespaced(Path overlay) throws IOException {
        JsonNode k = Manifests.YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
        assertThat(k.path("namespace").asText()).as(overlay + " namespace").isEqualTo("lakestream");
    }
}
