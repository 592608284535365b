package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lakestream.deploy.k8s.ManifestTemplate;
import io.lakestream.job.JobMain;
import io.lakestream.job.JobOptions;
import io.lakestream.job.config.Setting;
import io.lakestream.job.config.SettingType;
import io.lakestream.pipelines.job.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code lakestream k8s render}: the manifest's arguments start the job the config describes;
 * mistakes are one line and exit 2. (The CRD validation of rendered manifests is in the k8s module,
 * next to the validator.)
 */
class K8sCommandTest {

    static final YAMLMapper YAML = new YAMLMapper();

    @TempDir Path dir;

    private Path config() throws IOException {
        Path file = dir.resolve("lakestream.yaml");
        Files.writeString(
                file,
                """
                pipelines: [ingest, user_daily, dau, top_items]
                run: {parallelism: 3}
                lake.path: /data/lake
                kafka:
                  bootstrap: broker-0.kafka:9092,broker-1.kafka:9092
                  topic: events-v2
                  max-delay: 5 min
                  lookback: P3D
                state.dedup-ids-per-day: 1000
                compaction.on-publish: 64MB
                checkpoint: {interval: 30s, timeout: PT5M, min-pause: 1s, dir: "s3://b/cp"}
                """);
        return file;
    }

    private static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }

    private static String[] args(JsonNode manifest) {
        List<String> args = new ArrayList<>();
        manifest.at("/spec/job/args").forEach(a -> args.add(a.asText()));
        return args.toArray(String[]::new);
    }

    /** The job options {@link JobMain}'s {@code run} parses from {@code args}. */
    private static JobOptions jobMain(String... args) {
        CommandLine cli = new CommandLine(new JobMain());
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return (JobOptions) parsed.subcommand().commandSpec().mixins().get("job").userObject();
    }

    private static void assertSameRun(JobOptions rendered, JobOptions expected) {
        RunSpec a = rendered.spec();
        RunSpec b = expected.spec();
        assertThat(a).usingRecursiveComparison().ignoringFields("runId", "groupId").isEqualTo(b);
        assertThat(rendered.checkpoints()).isEqualTo(expected.checkpoints());
        assertThat(rendered.checkpointDir).isEqualTo(expected.checkpointDir);
    }

    @Test
    void theBackfillsArgumentsStartTheJobTheConfigDescribes() throws IOException {
        Path config = config();
        String[] flags = {
            "--mode",
            "backfill",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-07",
            "--source",
            "lake+kafka",
            "--pipelines",
            "user_daily,dau,top_items"
        };
        CliRun run =
                CliRun.of(
                        Stream.concat(
                                        Stream.of("k8s", "render", "--config", config.toString()),
                                        Stream.of(flags))
                                .toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        JsonNode manifest = yaml(run.out());
        assertThat(manifest.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(manifest.at("/metadata/name").asText()).isEqualTo("lakestream-backfill");
        assertThat(manifest.at("/spec/job/entryClass").asText())
                .isEqualTo("io.lakestream.job.JobMain");
        assertThat(manifest.at("/spec/job/jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/lakestream-job.jar");
        assertThat(manifest.at("/spec/job/upgradeMode").asText()).isEqualTo("stateless");
        assertThat(manifest.at("/spec/job/parallelism").asInt()).isEqualTo(3);
        assertThat(manifest.at("/spec/flinkConfiguration/execution.runtime-mode").asText())
                .isEqualTo("BATCH");
        assertThat(manifest.at("/spec/flinkConfiguration/execution.attached").asText())
                .isEqualTo("true");
        String[] args = args(manifest);
        assertThat(args[0]).isEqualTo("run");
        assertThat(args).doesNotContain("--config");
        // every option with a value is explicit: the job reads no config file
        assertThat(args)
                .contains(
                        "--pipelines",
                        "--mode",
                        "--lake",
                        "--bootstrap",
                        "--topic",
                        "--max-delay",
                        "--lookback",
                        "--from",
                        "--to",
                        "--source",
                        "--dedup-ids-per-day",
                        "--compact-on-publish",
                        "--checkpoint-interval",
                        "--checkpoint-timeout",
                        "--checkpoint-min-pause",
                        "--checkpoint-dir");
        // the job jar, given the manifest's arguments, runs what it would run from the config
        List<String> withConfig = new ArrayList<>(List.of("run", "--config", config.toString()));
        withConfig.addAll(List.of(flags));
        assertSameRun(jobMain(args), jobMain(withConfig.toArray(String[]::new)));
        RunSpec spec = jobMain(args).spec();
        assertThat(spec.lake).isEqualTo("/data/lake");
        assertThat(spec.bootstrap).isEqualTo("broker-0.kafka:9092,broker-1.kafka:9092");
        assertThat(spec.compactOnPublishBytes).isEqualTo(64L << 20);
    }

    @Test
    void theStreamsArgumentsStartTheJobTheConfigDescribesAndFlagsWin() throws IOException {
        Path config = config();
        CliRun run =
                CliRun.of(
                        "k8s",
                        "render",
                        "--config",
                        config.toString(),
                        "--mode",
                        "stream",
                        "--topic",
                        "from-flag",
                        "--until",
                        "latest",
                        "--name",
                        "ls-prod",
                        "--namespace",
                        "data",
                        "--image",
                        "registry.example.com/lakestream/job:1.2");
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        JsonNode manifest = yaml(run.out());
        assertThat(manifest.at("/metadata/name").asText()).isEqualTo("ls-prod");
        assertThat(manifest.at("/metadata/namespace").asText()).isEqualTo("data");
        assertThat(manifest.at("/spec/image").asText())
                .isEqualTo("registry.example.com/lakestream/job:1.2");
        assertThat(manifest.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        JsonNode conf = manifest.at("/spec/flinkConfiguration");
        assertThat(conf.path("execution.checkpointing.interval").asText()).isEqualTo("30s");
        assertThat(conf.path("execution.checkpointing.timeout").asText()).isEqualTo("5min");
        assertThat(conf.path("execution.checkpointing.min-pause").asText()).isEqualTo("1s");
        assertThat(conf.path("state.checkpoints.dir").asText())
                .isEqualTo("s3://lakestream/flink/ls-prod/checkpoints");
        String[] args = args(manifest);
        assertThat(args)
                .containsSequence("--topic", "from-flag")
                .containsSequence("--until", "latest");
        assertThat(args).doesNotContain("--from", "--to");
        assertSameRun(
                jobMain(args),
                jobMain(
                        "run",
                        "--config",
                        config.toString(),
                        "--mode",
                        "stream",
                        "--topic",
                        "from-flag",
                        "--until",
                        "latest"));
    }

    @Test
    void aSessionJobRunsOnTheNamedSessionCluster() throws IOException {
        CliRun run =
                CliRun.of(
                        "k8s",
                        "render",
                        "--config",
                        config().toString(),
                        "--mode",
                        "stream",
                        "--session-job",
                        "--session-cluster",
                        "shared");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode manifest = yaml(run.out());
        assertThat(manifest.path("kind").asText()).isEqualTo("FlinkSessionJob");
        assertThat(manifest.at("/spec/deploymentName").asText()).isEqualTo("shared");
        assertThat(manifest.at("/spec/job/jarURI").asText()).startsWith("https://");
    }

    @Test
    void outWritesTheManifestToAFile() throws IOException {
        CliRun run =
                CliRun.of(
                        "k8s",
                        "render",
                        "--config",
                        config().toString(),
                        "--mode",
                        "stream",
                        "--out",
                        dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isZero();
        Path file = dir.resolve("out/lakestream-stream.yaml");
        assertThat(run.out()).contains(file.toString());
        assertThat(yaml(Files.readString(file)).path("kind").asText()).isEqualTo("FlinkDeployment");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--mode sometimes|--mode must be stream or backfill, was 'sometimes'",
                "--mode backfill|a backfill needs its dates: --from and --to",
                "--mode backfill --from 2026-11-01|a backfill needs its dates",
                "--mode stream --name Lakestream_Prod|--name must be a Kubernetes name (RFC 1123",
                "--mode stream --name -x|--name must be a Kubernetes name",
                "--mode stream --namespace a.b|--namespace must be a Kubernetes name",
                "--mode stream --parallelism 0|--parallelism must be at least 1",
                "--mode stream --image bad:image#x|--image must be letters, digits",
                "--mode stream --jar-uri https://x/a?b=c|--jar-uri must be letters, digits",
                "--mode stream --until soon|--until takes 'latest'",
                "--mode stream --lake lake|--lake must be an absolute path in the pods",
                "--mode stream --lake s3://bucket/lake|--lake must be a folder, not a URI",
                "--mode backfill --from 2026-11-02 --to 2026-11-01|--from 2026-11-02 is after --to",
            })
    void aMistakeIsOneLineAndExit2(String line) throws IOException {
        String[] parts = line.split("\\|", -1);
        List<String> args =
                new ArrayList<>(List.of("k8s", "render", "--config", config().toString()));
        args.addAll(List.of(parts[0].split(" ")));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSizeBetween(1, 2); // picocli's errors add a usage hint
        assertThat(run.err()).startsWith("lakestream: ").contains(parts[1]);
    }

    @Test
    void aLongNameIsRefused() throws IOException {
        CliRun run =
                CliRun.of(
                        "k8s",
                        "render",
                        "--config",
                        config().toString(),
                        "--mode",
                        "stream",
                        "--name",
                        "x".repeat(64));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aSecretSettingBecomesASecretReferenceNeverItsValue() throws IOException {
        Setting password =
                new Setting(
                        "kafka.sasl.password",
                        "--sasl-password",
                        SettingType.STRING,
                        null,
                        "The SASL password.",
                        true);
        List<String> env = K8sCommand.Render.secretEnv(password);
        JsonNode node = yaml(String.join("\n", env));
        assertThat(node.get(0).at("/name").asText()).isEqualTo("LAKESTREAM_KAFKA_SASL_PASSWORD");
        assertThat(node.get(0).at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("lakestream-secrets");
        assertThat(node.get(0).at("/valueFrom/secretKeyRef/key").asText())
                .isEqualTo("kafka.sasl.password");
        assertThat(node.get(0).has("value")).isFalse();
    }

    @Test
    void scalarsReadBackAsTheSameStrings() throws IOException {
        for (String s :
                List.of(
                        "run",
                        "--pipelines",
                        "2026-11-01",
                        "4000000",
                        "true",
                        "no",
                        "s3://a/b",
                        "/data/lake",
                        "./lake",
                        "a: b",
                        "x #y",
                        "\"quoted\"",
                        "k:",
                        "PT10M",
                        "~",
                        "")) {
            String yaml = "- " + ManifestTemplate.scalar(s);
            JsonNode node = yaml(yaml).get(0);
            assertThat(node.isTextual()).as(yaml).isTrue();
            assertThat(node.asText()).as(yaml).isEqualTo(s);
        }
        assertThat(ManifestTemplate.scalar("--mode")).isEqualTo("--mode");
        assertThat(ManifestTemplate.scalar("2026-11-01")).isEqualTo("\"2026-11-01\"");
    }
}
