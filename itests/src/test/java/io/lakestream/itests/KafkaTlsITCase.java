package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka over TLS, end to end through the command line: the test broker's SASL_SSL listener
 * (SCRAM-SHA-256 over TLS, a self-signed certificate made with keytool) takes a {@code generate}
 * and a stream run configured only by flags and a {@code --config} file; and the two mismatches a
 * user meets first — a plaintext client at the TLS listener, a TLS client at a plaintext one, a
 * certificate not trusted — each end with one line that says what to change, and exit code 2. A
 * canary password never shows.
 */
class KafkaTlsITCase {

    private static final String USER = KafkaSecurityITCase.USER;
    private static final String CANARY = KafkaSecurityITCase.CANARY;

    /** The same broker as {@link KafkaSecurityITCase}'s (one per user name and test run). */
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.withScramUser(USER, CANARY);

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);

    @TempDir Path work;

    @Test
    void generateAndAStreamOverSaslSslLandEveryEvent() throws Exception {
        String topic = "events-tls";
        KAFKA.createTopic(topic, 2);
        GeneratorConfig config =
                GeneratorConfig.builder(3_000, 11)
                        .users(200)
                        .items(50)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.0)
                        .zipf(1.1)
                        .partitions(2)
                        .build();
        Path password = work.resolve("password");
        Files.writeString(password, CANARY + "\n");

        CliRun generated =
                CliRuns.capture(
                        "generate",
                        "--bootstrap",
                        KAFKA.tlsBootstrapServers(),
                        "--topic",
                        topic,
                        "--events",
                        "3000",
                        "--seed",
                        "11",
                        "--users",
                        "200",
                        "--items",
                        "50",
                        "--start",
                        DAY0.toString(),
                        "--days",
                        "1",
                        "--late-fraction",
                        "0",
                        "--duplicate-fraction",
                        "0.02",
                        "--malformed-fraction",
                        "0",
                        "--zipf",
                        "1.1",
                        "--partitions",
                        "2",
                        "--kafka-security-protocol",
                        "SASL_SSL",
                        "--kafka-username",
                        USER,
                        "--kafka-password-file",
                        password.toString(),
                        "--kafka-ssl-truststore",
                        KAFKA.tlsCertificate().toString());
        assertThat(generated.code()).as(generated.err()).isZero();

        Path lake = work.resolve("lake");
        CliRun stream =
                CliRuns.capture(
                        "run",
                        "--config",
                        tlsConfig(CANARY).toString(),
                        "--pipelines",
                        "ingest",
                        "--mode",
                        "stream",
                        "--until",
                        "latest",
                        "--lake",
                        lake.toString(),
                        "--bootstrap",
                        KAFKA.tlsBootstrapServers(),
                        "--topic",
                        topic,
                        "--web-ui-port",
                        "0",
                        "--state-dir",
                        work.resolve("state").toString(),
                        "--progress",
                        "none");
        assertThat(stream.code()).as(stream.err()).isZero();

        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.duplicates).isPositive();
        StreamBackfillITCase.assertSameRows(
                "events over SASL_SSL",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(truth.onTime));
        assertThat(generated.all() + stream.all()).doesNotContain(CANARY);
        assertThat(CliRuns.filesContaining(lake, CANARY)).isEmpty();
        assertThat(CliRuns.filesContaining(work.resolve("state"), CANARY)).isEmpty();
    }

    @Test
    void aPlaintextClientAtTheTlsListenerIsToldItSpeaksTls() throws Exception {
        Path config = work.resolve("sasl-plaintext.yaml");
        Files.writeString(
                config,
                "kafka:\n  security-protocol: SASL_PLAINTEXT\n  username: "
                        + USER
                        + "\n  password: "
                        + CANARY
                        + "\n");
        CliRun out = backfill(config, KAFKA.tlsBootstrapServers());
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err().strip())
                .isEqualTo(
                        "lakestream: Kafka at "
                                + KAFKA.tlsBootstrapServers()
                                + " speaks TLS, but kafka.security-protocol is SASL_PLAINTEXT:"
                                + " use SASL_SSL (with kafka.ssl-truststore if its CA is not a"
                                + " public one)");
        assertThat(out.all()).doesNotContain(CANARY);
    }

    @Test
    void aTlsClientAtAPlaintextListenerIsToldItDoesNotSpeakTls() throws Exception {
        CliRun out = backfill(tlsConfig(CANARY), KAFKA.saslBootstrapServers());
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err().strip())
                .isEqualTo(
                        "lakestream: Kafka at "
                                + KAFKA.saslBootstrapServers()
                                + " does not speak TLS, but kafka.security-protocol is SASL_SSL:"
                                + " use SASL_PLAINTEXT, or the address of the brokers' TLS"
                                + " listener");
        assertThat(out.all()).doesNotContain(CANARY);
    }

    @Test
    void anUntrustedCertificateFailsTheHandshakeWithOneLine() throws Exception {
        Path config = work.resolve("no-truststore.yaml");
        Files.writeString(
                config,
                "kafka:\n  security-protocol: SASL_SSL\n  username: "
                        + USER
                        + "\n  password: "
                        + CANARY
                        + "\n");
        CliRun out = backfill(config, KAFKA.tlsBootstrapServers());
        assertThat(out.code()).isEqualTo(2);
        assertThat(out.err().strip())
                .startsWith(
                        "lakestream: the TLS handshake with Kafka at "
                                + KAFKA.tlsBootstrapServers())
                .doesNotContain("\n");
        assertThat(out.all()).doesNotContain(CANARY);
    }

    private Path tlsConfig(String password) throws IOException {
        Path f = work.resolve("tls-" + System.nanoTime() + ".yaml");
        Files.writeString(
                f,
                "kafka:\n"
                        + "  security-protocol: SASL_SSL\n"
                        + "  username: "
                        + USER
                        + "\n"
                        + "  password: "
                        + password
                        + "\n"
                        + "  ssl-truststore: "
                        + KAFKA.tlsCertificate()
                        + "\n");
        return f;
    }

    private CliRun backfill(Path config, String bootstrap) {
        return CliRuns.backfillOfAbsentTopic(config, bootstrap, work);
    }
}
