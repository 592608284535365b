package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.cli.LakestreamCli;
import io.lakestream.deploy.cluster.ClusterSpec;
import io.lakestream.deploy.cluster.StandaloneCluster;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink cluster: a standalone session cluster (a JobManager and two
 * TaskManager processes whose classpath holds Flink's jars only, so every Lakestream, connector and
 * format class must come from {@code lakestream-job.jar}), a stream submitted with {@code
 * lakestream submit}, one TaskManager killed while the stream runs, recovery from the last
 * checkpoint, then the stream drained (stop with savepoint, Flink's way to end a stream): the lake
 * equals the generator's ground truth exactly, no event lost or doubled. A backfill submitted to
 * the same cluster then equals the stream ({@code verify}); a backfill over SASL_SSL shows its
 * password nowhere on the cluster.
 */
class ClusterRunITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** The SCRAM and TLS broker of {@link KafkaSecurityITCase} (one per user and test run). */
    @RegisterExtension
    static final KafkaBrokerExtension SECURE =
            KafkaBrokerExtension.withScramUser(
                    KafkaSecurityITCase.USER, KafkaSecurityITCase.CANARY);

    private static final String TOPIC = "events-cluster";
    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final Path JOB_JAR = Path.of("..", "job", "target", "lakestream-job.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path work;

    @Test
    void aStreamSurvivesALostTaskManagerAndABackfillOnTheSameClusterEqualsIt() throws Exception {
        assertThat(JOB_JAR).as("built by the job module's package phase").isRegularFile();
        KAFKA.createTopic(TOPIC, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(60_000, 23)
                        .users(500)
                        .items(200)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), TOPIC).publish(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        Path streamLake = work.resolve("stream-lake").toAbsolutePath();
        Path backfillLake = work.resolve("backfill-lake").toAbsolutePath();

        try (StandaloneCluster cluster =
                StandaloneCluster.start(
                        ClusterSpec.builder(work.resolve("cluster"))
                                .taskManagers(2)
                                .slots(2)
                                .restPort(0)
                                // one subtask per TaskManager: losing either fails the job
                                .setting("taskmanager.load-balance.mode", "SLOTS")
                                // notice the lost TaskManager within the job's restart attempts
                                .setting("heartbeat.interval", "1000")
                                .setting("heartbeat.timeout", "5000")
                                .build())) {
            String rest = cluster.restUrl();
            CompletableFuture<Integer> stream =
                    CompletableFuture.supplyAsync(
                            () ->
                                    submit(
                                            cluster,
                                            streamLake,
                                            "--mode",
                                            "stream",
                                            "--follow",
                                            "--checkpoint-interval",
                                            "PT1S",
                                            "--checkpoint-dir",
                                            work.resolve("checkpoints").toUri().toString()));
            String job = awaitRunningJob(rest, stream);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> completedCheckpoints(rest, job) >= 1);

            long killedAt = System.currentTimeMillis();
            cluster.killTaskManager(1);

            // recovered: the job failed, then a checkpoint completed again (polled well within the
            // 1 s checkpoint interval, so this is the first one after the restart)
            long[] recoveredAt = {0};
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                long failedAt = firstFailure(rest, job);
                                recoveredAt[0] = latestCompletedAck(rest, job);
                                return failedAt > 0 && recoveredAt[0] > failedAt;
                            });
            // and every record read and covered by a checkpoint after the restart
            long end = endOffset();
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedOffset(streamLake) >= end);
            List<String> failures = restarts(rest, job);
            assertThat(failures).as("the lost TaskManager failed the job").isNotEmpty();

            post(
                    rest + "/jobs/" + job + "/stop",
                    "{\"drain\": true, \"targetDirectory\": \""
                            + work.resolve("savepoints").toUri()
                            + "\"}");
            assertThat(stream.get(4, TimeUnit.MINUTES)).as("submit --follow exit code").isZero();
            // the client has the result a moment before the REST API shows the final state
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> jobState(rest, job).equals("FINISHED"));

            Map<String, List<String>> events =
                    LakeRows.byPartition(streamLake, "events", StreamBackfillITCase::eventRow);
            Map<String, List<String>> expected = GeneratedTruth.eventsTable(truth.onTime);
            ReliabilityRow.of(
                            "taskmanager-killed",
                            "TaskManager process killed mid-stream (standalone cluster)",
                            "SIGKILL of one of 2 TaskManager processes after checkpoint 1;"
                                    + " stream then drained (stop with savepoint)",
                            1,
                            expected.values().stream().flatMap(List::stream).toList(),
                            events.values().stream().flatMap(List::stream).toList(),
                            Integer.toString(failures.size()),
                            ReliabilityRow.seconds(Duration.ofMillis(recoveredAt[0] - killedAt))
                                    + " to the first checkpoint after the kill")
                    .write();
            StreamBackfillITCase.assertSameRows("events", events, expected);
            StreamBackfillITCase.assertSameRows(
                    "user_daily",
                    LakeRows.byPartition(
                            streamLake, "user_daily", StreamBackfillITCase::userDailyRow),
                    GeneratedTruth.userDaily(truth.onTime));

            assertThat(
                            submit(
                                    cluster,
                                    backfillLake,
                                    "--mode",
                                    "backfill",
                                    "--from",
                                    DAY0.toString(),
                                    "--to",
                                    DAY0.toString()))
                    .isZero();
            assertThat(CliRuns.verify(streamLake, backfillLake)).isZero();

            aBackfillOverSaslSslKeepsThePasswordOffTheCluster(cluster);
        }
    }

    /**
     * A backfill over SASL_SSL submitted to the same cluster: the password (a canary) travels in
     * the serialized Kafka source only — it is in no answer of the JobManager's REST API (job and
     * cluster configuration, job plan), in no file of the cluster (logs, configuration), and in
     * nothing {@code submit} prints.
     */
    private void aBackfillOverSaslSslKeepsThePasswordOffTheCluster(StandaloneCluster cluster)
            throws Exception {
        String canary = KafkaSecurityITCase.CANARY;
        String topic = "events-cluster-tls";
        SECURE.createTopic(topic, 2);
        GeneratorConfig config =
                GeneratorConfig.builder(20_000, 29)
                        .users(300)
                        .items(100)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.0)
                        .malformedFraction(0.0)
                        .partitions(2)
                        .build();
        new KafkaEventPublisher(SECURE.bootstrapServers(), topic).publish(config);
        Path secured = work.resolve("secured.yaml");
        Files.writeString(
                secured,
                "kafka:\n  security-protocol: SASL_SSL\n  username: "
                        + KafkaSecurityITCase.USER
                        + "\n  password: "
                        + canary
                        + "\n  ssl-truststore: "
                        + SECURE.tlsCertificate()
                        + "\n");
        Path lake = work.resolve("secured-lake").toAbsolutePath();
        CliRun out =
                CliRuns.capture(
                        "submit",
                        "--config",
                        secured.toString(),
                        "--jobmanager",
                        cluster.jobManagerAddress(),
                        "--jar",
                        JOB_JAR.toString(),
                        "--parallelism",
                        "2",
                        "--pipelines",
                        "ingest",
                        "--lake",
                        lake.toString(),
                        "--bootstrap",
                        SECURE.tlsBootstrapServers(),
                        "--topic",
                        topic,
                        "--mode",
                        "backfill",
                        "--from",
                        DAY0.toString(),
                        "--to",
                        DAY0.toString(),
                        "--progress",
                        "none");
        assertThat(out.code()).as(out.err()).isZero();
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("as job ([0-9a-f]{32})").matcher(out.out());
        assertThat(id.find()).as(out.out()).isTrue();

        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        StreamBackfillITCase.assertSameRows(
                "events over SASL_SSL",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(truth.onTime));
        String rest = cluster.restUrl();
        for (String path :
                List.of(
                        "/jobs/" + id.group(1) + "/config",
                        "/jobs/" + id.group(1) + "/plan",
                        "/jobs/" + id.group(1),
                        "/jobmanager/config",
                        "/jobmanager/environment")) {
            assertThat(get(rest + path).toString()).as(path).doesNotContain(canary);
        }
        assertThat(out.all()).doesNotContain(canary);
        assertThat(CliRuns.filesContaining(work.resolve("cluster"), canary)).isEmpty();
        assertThat(CliRuns.filesContaining(lake, canary)).isEmpty();
    }

    private static int submit(StandaloneCluster cluster, Path lake, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "submit",
                                "--jobmanager",
                                cluster.jobManagerAddress(),
                                "--jar",
                                JOB_JAR.toString(),
                                "--parallelism",
                                "2",
                                "--pipelines",
                                "ingest,user_daily",
                                "--lake",
                                lake.toString(),
                                "--bootstrap",
                                KAFKA.bootstrapServers(),
                                "--topic",
                                TOPIC));
        args.addAll(List.of(extra));
        return LakestreamCli.execute(args.toArray(String[]::new));
    }

    /** The id of the cluster's running job, once there is one; fails if the submit ended. */
    private static String awaitRunningJob(String rest, CompletableFuture<Integer> submit) {
        String[] id = {null};
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            assertThat(submit.isDone())
                                    .as(
                                            "submit ended early: "
                                                    + (submit.isDone() ? submit.join() : ""))
                                    .isFalse();
                            for (JsonNode j : get(rest + "/jobs/overview").path("jobs")) {
                                if (j.path("state").asText().equals("RUNNING")) {
                                    id[0] = j.path("jid").asText();
                                }
                            }
                            return id[0] != null;
                        });
        return id[0];
    }

    private static long completedCheckpoints(String rest, String job) throws Exception {
        return get(rest + "/jobs/" + job + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    /** When the job first failed (epoch ms), 0 if it has not. */
    private static long firstFailure(String rest, String job) throws Exception {
        long first = 0;
        JsonNode history = get(rest + "/jobs/" + job + "/exceptions").path("exceptionHistory");
        for (JsonNode e : history.path("entries")) {
            long t = e.path("timestamp").asLong(0);
            first = first == 0 ? t : Math.min(first, t);
        }
        return first;
    }

    /** When the latest completed checkpoint was acknowledged (epoch ms), 0 if none. */
    private static long latestCompletedAck(String rest, String job) throws Exception {
        return get(rest + "/jobs/" + job + "/checkpoints")
                .path("latest")
                .path("completed")
                .path("latest_ack_timestamp")
                .asLong(0);
    }

    private static List<String> restarts(String rest, String job) throws Exception {
        List<String> failures = new ArrayList<>();
        JsonNode history = get(rest + "/jobs/" + job + "/exceptions").path("exceptionHistory");
        for (JsonNode e : history.path("entries")) {
            failures.add(e.path("exceptionName").asText());
        }
        return failures;
    }

    private static String jobState(String rest, String job) throws Exception {
        return get(rest + "/jobs/" + job).path("state").asText();
    }

    private static long endOffset() throws Exception {
        try (Admin admin = admin()) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
        }
    }

    /** The stream's consumer group offset: Flink commits it when a checkpoint completes. */
    private static long committedOffset(Path lake) throws Exception {
        String group = "lakestream-" + Integer.toHexString(lake.toString().hashCode());
        try (Admin admin = admin()) {
            OffsetAndMetadata o =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(new TopicPartition(TOPIC, 0));
            return o == null ? -1 : o.offset();
        }
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return Admin.create(p);
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static void post(String url, String body) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isBetween(200, 299);
    }
}
