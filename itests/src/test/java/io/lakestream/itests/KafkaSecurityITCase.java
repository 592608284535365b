package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.kafka.KafkaClientSecurity;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.PublishSummary;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka with SASL/SCRAM: a backfill with the right credentials (from the config file) reads every
 * event; a wrong password and a plaintext client against the SASL listener each fail with one line
 * and exit code 2. The password, a canary, never shows in the command's output, the log (at INFO,
 * where Kafka prints its client configs), the lake's files or the Flink REST API.
 */
class KafkaSecurityITCase {

    static final String USER = "lake";
    static final String CANARY = "canary-5f3a9c";

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.withScramUser(USER, CANARY);

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);

    @TempDir Path work;

    @Test
    void aBackfillWithScramCredentialsReadsEveryEventAndNeverShowsThePassword() throws Exception {
        String topic = "events-scram";
        KAFKA.createTopic(topic, 2);
        KafkaClientSecurity security =
                KafkaClientSecurity.builder(KafkaClientSecurity.Protocol.SASL_PLAINTEXT)
                        .credentials(USER, CANARY)
                        .build();
        GeneratorConfig generated =
                GeneratorConfig.builder(100_000, 7)
                        .users(500)
                        .items(100)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.0)
                        .malformedFraction(0.0)
                        .partitions(2)
                        .build();
        // published through the SCRAM listener too
        PublishSummary published =
                new KafkaEventPublisher(KAFKA.saslBootstrapServers(), security, topic)
                        .publish(generated);

        Path config = config(CANARY);
        Path lake = work.resolve("lake");
        int webUi = freePort();
        StringWriter log = new StringWriter();
        RestWatcher rest = new RestWatcher(webUi);
        CliRun out;
        try (AutoCloseable logging = captureLog(log)) {
            rest.start();
            out =
                    CliRuns.capture(
                            "run",
                            "--config",
                            config.toString(),
                            "--pipelines",
                            "ingest",
                            "--mode",
                            "backfill",
                            "--from",
                            DAY0.toString(),
                            "--to",
                            DAY0.toString(),
                            "--lake",
                            lake.toString(),
                            "--bootstrap",
                            KAFKA.saslBootstrapServers(),
                            "--topic",
                            topic,
                            "--web-ui-port",
                            Integer.toString(webUi),
                            "--state-dir",
                            work.resolve("state").toString(),
                            "--progress",
                            "none");
        } finally {
            rest.stop();
        }
        assertThat(out.code()).as(out.err()).isZero();

        long rows = LakeRows.records(lake, "events").values().stream().mapToLong(List::size).sum();
        assertThat(rows).isEqualTo(published.records().events());

        assertThat(out.out() + out.err()).contains("finished in").doesNotContain(CANARY);
        // Kafka clients log their configs at INFO, with the JAAS line hidden
        assertThat(log.toString()).contains("sasl.jaas.config = [hidden]").doesNotContain(CANARY);
        assertThat(rest.jobConfigs).as("the job's config was read while it ran").isNotEmpty();
        assertThat(rest.bodies).allSatisfy(b -> assertThat(b).doesNotContain(CANARY));
        assertThat(CliRuns.filesContaining(lake, CANARY)).isEmpty();
        assertThat(CliRuns.filesContaining(work.resolve("state"), CANARY)).isEmpty();

        // a stream to the end offsets: the consumer group's offsets are committed over SASL too
        Path streamLake = work.resolve("stream-lake");
        Path pw = work.resolve("password");
        Files.writeString(pw, CANARY + "\n");
        CliRun stream =
                CliRuns.capture(
                        "run",
                        "--pipelines",
                        "ingest",
                        "--mode",
                        "stream",
                        "--until",
                        "latest",
                        "--lake",
                        streamLake.toString(),
                        "--bootstrap",
                        KAFKA.saslBootstrapServers(),
                        "--kafka-security-protocol",
                        "SASL_PLAINTEXT",
                        "--kafka-username",
                        USER,
                        "--kafka-password-file",
                        pw.toString(),
                        "--topic",
                        topic,
                        "--web-ui-port",
                        "0",
                        "--checkpoint-interval",
                        "PT1S",
                        "--state-dir",
                        work.resolve("stream-state").toString());
        assertThat(stream.code()).as(stream.err()).isZero();
        assertThat(stream.out() + stream.err()).doesNotContain(CANARY);
        long streamed =
                LakeRows.records(streamLake, "events").values().stream()
                        .mapToLong(List::size)
                        .sum();
        assertThat(streamed).isEqualTo(published.records().events());
        assertThat(CliRuns.filesContaining(streamLake, CANARY)).isEmpty();
        assertThat(CliRuns.filesContaining(work.resolve("stream-state"), CANARY)).isEmpty();
    }

    @Test
    void kafkaStartAddsAScramListenerForTheUser() throws Exception {
        Path dataDir = work.resolve("kafka");
        Path pw = work.resolve("scram-password");
        Files.writeString(pw, CANARY + "\n");
        String port = Integer.toString(freePort());
        CliRun start =
                CliRuns.capture(
                        "kafka",
                        "start",
                        "--port",
                        port,
                        "--data-dir",
                        dataDir.toString(),
                        "--scram-user",
                        "alice",
                        "--scram-password-file",
                        pw.toString());
        try {
            assertThat(start.code()).as(start.err()).isZero();
            Matcher m =
                    Pattern.compile(
                                    "SCRAM-SHA-256 listener \\(SASL_PLAINTEXT\\) on"
                                            + " (127\\.0\\.0\\.1:\\d+) for user 'alice'")
                            .matcher(start.out());
            assertThat(m.find()).as(start.out()).isTrue();
            String sasl = m.group(1);
            Path config = work.resolve("alice.yaml");
            Files.writeString(
                    config,
                    "kafka:\n  security-protocol: SASL_PLAINTEXT\n  username: alice\n"
                            + "  password: "
                            + CANARY
                            + "\n");
            // authenticated: the planner gets as far as the missing topic
            CliRun run = backfill(config, sasl);
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip())
                    .isEqualTo(
                            "lakestream: topic 'events-absent' does not exist on "
                                    + sasl
                                    + " (create it with 'lakestream generate' or your producer)");
            assertThat(start.out() + run.out() + run.err()).doesNotContain(CANARY);
            assertThat(CliRuns.filesContaining(dataDir, CANARY)).isEmpty();
        } finally {
            CliRuns.capture("kafka", "stop", "--data-dir", dataDir.toString());
        }
    }

    @Test
    void aWrongPasswordFailsFastWithOneLine() throws Exception {
        long t0 = System.nanoTime();
        CliRun out = backfill(config("not-" + CANARY), KAFKA.saslBootstrapServers());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err().strip())
                .isEqualTo(
                        "lakestream: Kafka at "
                                + KAFKA.saslBootstrapServers()
                                + " refused the credentials for user 'lake' (SCRAM-SHA-256)");
        assertThat(seconds).isLessThan(15);
        assertThat(out.out() + out.err()).doesNotContain(CANARY);
    }

    @Test
    void aPlaintextClientAgainstTheSaslListenerIsToldToCheckTheProtocol() throws Exception {
        Path plain = work.resolve("plain.yaml");
        Files.writeString(plain, "kafka:\n  security-protocol: PLAINTEXT\n");
        CliRun out = backfill(plain, KAFKA.saslBootstrapServers());
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err().strip().lines()).hasSize(1);
        assertThat(out.err())
                .startsWith("lakestream: Kafka at " + KAFKA.saslBootstrapServers())
                .contains("is the listener SASL/TLS? check kafka.security-protocol");
    }

    @Test
    void thePasswordIsRefusedOnTheCommandLine() throws Exception {
        CliRun out =
                CliRuns.capture(
                        "run",
                        "--pipelines",
                        "ingest",
                        "--mode",
                        "backfill",
                        "--lake",
                        work.resolve("lake").toString(),
                        "--kafka-password",
                        CANARY);
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err()).contains("--kafka-password is not taken on the command line");
        assertThat(out.out() + out.err()).doesNotContain(CANARY);
    }

    private CliRun backfill(Path config, String bootstrap) {
        return CliRuns.backfillOfAbsentTopic(config, bootstrap, work);
    }

    private Path config(String password) throws IOException {
        Path f = work.resolve("lakestream-" + System.nanoTime() + ".yaml");
        Files.writeString(
                f,
                "kafka:\n"
                        + "  security-protocol: SASL_PLAINTEXT\n"
                        + "  sasl-mechanism: SCRAM-SHA-256\n"
                        + "  username: "
                        + USER
                        + "\n"
                        + "  password: "
                        + password
                        + "\n");
        return f;
    }

    /** Adds an appender on the root logger at INFO, for the duration of a test. */
    private static AutoCloseable captureLog(StringWriter target) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        WriterAppender appender =
                WriterAppender.newBuilder()
                        .setName("canary-log")
                        .setTarget(target)
                        .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n").build())
                        .build();
        appender.start();
        LoggerConfig root = cfg.getRootLogger();
        Level before = root.getLevel();
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        ctx.updateLoggers();
        return () -> {
            root.removeAppender("canary-log");
            root.setLevel(before);
            ctx.updateLoggers();
            appender.stop();
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Reads the web UI's REST API while the job runs: the jobs, their configs and plans. */
    private static final class RestWatcher {
        private static final Pattern JOB_ID = Pattern.compile("\"jid\":\"([0-9a-f]{32})\"");
        private final int port;
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        final List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Set<String> jobConfigs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.ScheduledExecutorService poller =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "rest-watcher");
                            t.setDaemon(true);
                            return t;
                        });

        RestWatcher(int port) {
            this.port = port;
        }

        /** Reads the API every 200 ms (after the previous read ended) until {@link #stop}. */
        void start() {
            poller.scheduleWithFixedDelay(this::readOnce, 0, 200, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            poller.shutdown();
            poller.awaitTermination(10, TimeUnit.SECONDS);
        }

        private void readOnce() {
            String overview = get("/jobs/overview");
            if (overview != null) {
                Set<String> ids = new LinkedHashSet<>();
                Matcher m = JOB_ID.matcher(overview);
                while (m.find()) {
                    ids.add(m.group(1));
                }
                for (String id : ids) {
                    String config = get("/jobs/" + id + "/config");
                    if (config != null && config.contains("execution-config")) {
                        jobConfigs.add(id);
                    }
                    get("/jobs/" + id);
                    get("/jobs/" + id + "/exceptions");
                }
                get("/jobmanager/config");
            }
        }

        private String get(String path) {
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + path))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return null;
                }
                bodies.add(r.body());
                return r.body();
            } catch (IOException | InterruptedException | RuntimeException e) {
                return null;
            }
        }
    }
}
