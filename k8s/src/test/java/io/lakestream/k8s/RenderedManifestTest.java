package io.lakestream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakestream.deploy.cli.LakestreamCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakestream k8s render}: the manifests under {@code k8s/} are renders of the example config
 * (one source, the templates in the deploy module), and rendered manifests pass the same CRD,
 * policy and secret checks as the files. Regenerate the files after changing a template with {@code
 * mvn -B -o -pl k8s -am test -Dtest=RenderedManifestTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlakestream.regenerate=true}.
 */
class RenderedManifestTest {

    static final Path EXAMPLE_CONFIG = Manifests.ROOT.resolveSibling("lakestream.example.yaml");

    /** The example config plus what a cluster needs that a laptop's config does not have. */
    static final List<String> COMMON =
            List.of(
                    "--pipelines", "ingest,user_daily,dau,top_items",
                    "--lake", "/lake",
                    "--bootstrap", "kafka:9092");

    /** Each checked-in manifest and the render it must equal. */
    record Golden(String file, List<String> flags) {}

    static final List<Golden> GOLDEN =
            List.of(
                    new Golden("base/flinkdeployment.yaml", List.of("--mode", "stream")),
                    new Golden(
                            "overlays/backfill/flinkdeployment-backfill.yaml",
                            List.of(
                                    "--mode",
                                    "backfill",
                                    "--from",
                                    "2026-11-01",
                                    "--to",
                                    "2026-11-02",
                                    "--parallelism",
                                    "4")),
                    new Golden(
                            "overlays/session-job/flinksessionjob.yaml",
                            List.of("--mode", "stream", "--session-job")));

    static CrdSchemas schemas;

    @TempDir Path dir;

    @BeforeAll
    static void loadCrds() throws IOException {
        schemas = CrdSchemas.load(Manifests.CRDS, "v1beta1");
    }

    /**
     * Runs {@code lakestream k8s render --config <example> <COMMON> <flags> --out <dir>}, without
     * the {@code COMMON} options that {@code flags} gives itself.
     */
    private String render(List<String> flags) throws IOException {
        Path out = Files.createTempDirectory(dir, "render");
        List<String> args =
                new ArrayList<>(List.of("k8s", "render", "--config", EXAMPLE_CONFIG.toString()));
        for (int i = 0; i < COMMON.size(); i += 2) {
            if (!flags.contains(COMMON.get(i))) { // a flag given twice is an error
                args.addAll(COMMON.subList(i, i + 2));
            }
        }
        args.addAll(flags);
        args.addAll(List.of("--out", out.toString()));
        int code = LakestreamCli.execute(args.toArray(String[]::new));
        assertThat(code).as("exit code of " + args).isZero();
        try (Stream<Path> files = Files.list(out)) {
            List<Path> written = files.toList();
            assertThat(written).hasSize(1);
            return Files.readString(written.get(0));
        }
    }

    @TestFactory
    Stream<DynamicTest> theManifestsInTheRepositoryAreRendersOfTheExampleConfig() {
        boolean regenerate = Boolean.getBoolean("lakestream.regenerate");
        return GOLDEN.stream()
                .map(
                        g ->
                                DynamicTest.dynamicTest(
                                        g.file(),
                                        () -> {
                                            Path file = Manifests.ROOT.resolve(g.file());
                                            String rendered = render(g.flags());
                                            if (regenerate) {
                                                Files.writeString(file, rendered);
                                            }
                                            assertThat(Files.readString(file))
                                                    .as(
                                                            g.file()
                                                                    + " differs from `lakestream k8s"
                                                                    + " render` "
                                                                    + g.flags()
                                                                    + ": regenerate it (see this"
                                                                    + " test's doc)")
                                                    .isEqualTo(rendered);
                                        }));
    }

    static final List<List<String>> VARIANTS =
            List.of(
                    List.of("--mode", "stream"),
                    List.of(
                            "--mode",
                            "stream",
                            "--until",
                            "latest",
                            "--name",
                            "lakestream-prod",
                            "--namespace",
                            "data",
                            "--image",
                            "registry.example.com/ls/job:1.2",
                            "--checkpoint-dir",
                            "s3://bucket/cp",
                            "--checkpoint-min-pause",
                            "PT1S",
                            "--compact-on-publish",
                            "--flink-dir",
                            "s3://bucket/flink/"),
                    List.of("--mode", "backfill", "--from", "2026-11-01", "--to", "2026-11-07"),
                    List.of(
                            "--mode",
                            "backfill",
                            "--from",
                            "2026-11-01",
                            "--to",
                            "2026-11-01",
                            "--source",
                            "lake",
                            "--pipelines",
                            "user_daily,dau",
                            "--lake",
                            "/mnt/lake",
                            "--name",
                            "backfill-20261101"),
                    List.of(
                            "--mode",
                            "stream",
                            "--session-job",
                            "--jar-uri",
                            "https://repo.example.com/lakestream-job.jar"),
                    List.of(
                            "--mode",
                            "backfill",
                            "--from",
                            "2026-11-01",
                            "--to",
                            "2026-11-02",
                            "--session-job",
                            "--name",
                            "backfill"));

    @TestFactory
    Stream<DynamicTest> renderedManifestsAreValidAndHaveNoInlineSecrets() {
        return VARIANTS.stream()
                .map(
                        flags ->
                                DynamicTest.dynamicTest(
                                        String.join(" ", flags),
                                        () -> {
                                            List<JsonNode> docs =
                                                    Manifests.readAll(write(render(flags)));
                                            assertThat(docs).hasSize(1);
                                            JsonNode doc = docs.get(0);
                                            assertThat(doc.path("apiVersion").asText())
                                                    .isEqualTo(ManifestSchemaTest.FLINK_API);
                                            assertThat(schemas.validate(doc)).isEmpty();
                                            assertThat(Policy.violations(doc)).isEmpty();
                                            assertThat(Secrets.violations(doc)).isEmpty();
                                            assertThat(doc.at("/spec/job/entryClass").asText())
                                                    .isEqualTo(ManifestSchemaTest.ENTRY_CLASS);
                                            assertThat(doc.at("/spec/job/args/0").asText())
                                                    .isEqualTo("run");
                                            doc.at("/spec/job/args")
                                                    .forEach(
                                                            a ->
                                                                    assertThat(a.isTextual())
                                                                            .as(a.toString())
                                                                            .isTrue());
                                        }));
    }

    @Test
    void aRenderedStreamAndBackfillHaveTheirModesSettings() throws IOException {
        JsonNode stream = Manifests.readAll(write(render(VARIANTS.get(1)))).get(0);
        assertThat(stream.at("/metadata/namespace").asText()).isEqualTo("data");
        assertThat(stream.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        JsonNode conf = stream.at("/spec/flinkConfiguration");
        assertThat(conf.path("state.checkpoints.dir").asText())
                .isEqualTo("s3://bucket/flink/lakestream-prod/checkpoints");
        assertThat(conf.path("state.savepoints.dir").asText())
                .isEqualTo("s3://bucket/flink/lakestream-prod/savepoints");
        assertThat(conf.path("execution.checkpointing.min-pause").asText()).isEqualTo("1s");
        assertThat(conf.path("job.autoscaler.enabled").asText()).isEqualTo("true");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .contains("Prometheus");

        JsonNode backfill = Manifests.readAll(write(render(VARIANTS.get(3)))).get(0);
        assertThat(backfill.at("/metadata/name").asText()).isEqualTo("backfill-20261101");
        assertThat(backfill.at("/spec/job/upgradeMode").asText()).isEqualTo("stateless");
        JsonNode bconf = backfill.at("/spec/flinkConfiguration");
        assertThat(bconf.path("execution.runtime-mode").asText()).isEqualTo("BATCH");
        assertThat(bconf.path("execution.attached").asText()).isEqualTo("true");
        assertThat(bconf.path("taskmanager.memory.task.off-heap.size").asText()).isEqualTo("512m");
        assertThat(bconf.path("kubernetes.operator.jm-deployment.shutdown-ttl").asText())
                .isEqualTo("10m");
        List<String> args = new ArrayList<>();
        backfill.at("/spec/job/args").forEach(a -> args.add(a.asText()));
        assertThat(args)
                .containsSequence("--mode", "backfill")
                .containsSequence("--from", "2026-11-01")
                .containsSequence("--lake", "/mnt/lake")
                .containsSequence("--source", "lake");
        assertThat(
                        backfill.at("/spec/podTemplate/spec/containers/0/volumeMounts/0/mountPath")
                                .asText())
                .as("the shared volume is mounted at the lake's path")
                .isEqualTo("/mnt/lake");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "manifest", ".yaml"), yaml);
    }
}
