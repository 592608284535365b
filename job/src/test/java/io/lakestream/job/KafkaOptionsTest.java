package io.lakestream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.kafka.KafkaClientSecurity;
import io.lakestream.job.config.ConfigDefaults;
import io.lakestream.job.config.ConfigOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Where the Kafka password may come from, and where it may not. */
class KafkaOptionsTest {

    private static final String CANARY = "canary-5f3a9c";

    @TempDir Path dir;

    @Command(name = "t", defaultValueProvider = ConfigDefaults.class)
    static final class Cmd {
        @Mixin ConfigOption config;
        @Mixin KafkaOptions kafka;
    }

    private Cmd parse(String... args) {
        Cmd cmd = new Cmd();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("lakestream.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void thePasswordComesFromTheConfigFile() throws IOException {
        Path f =
                yaml(
                        "kafka:\n  security-protocol: SASL_PLAINTEXT\n  username: lake\n"
                                + "  password: "
                                + CANARY
                                + "\n");
        KafkaClientSecurity s = parse("--config", f.toString()).kafka.auth.security(k -> null);
        assertThat(s.clientProperties().get("sasl.jaas.config")).contains(CANARY);
        assertThat(s.toString()).doesNotContain(CANARY);
    }

    @Test
    void thePasswordFlagIsRefusedOnTheCommandLineWithoutEchoingIt() {
        for (String[] args :
                new String[][] {
                    {"--kafka-password", CANARY},
                    {"--kafka-password=" + CANARY},
                    {"--kafka-ssl-truststore-password", CANARY}
                }) {
            assertThatThrownBy(() -> parse(args))
                    .isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("is not taken on the command line")
                    .message()
                    .doesNotContain(CANARY);
        }
    }

    @Test
    void thePasswordFileAndTheEnvironment() throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, CANARY + "\n");
        KafkaClientSecurity fromFile =
                parse(
                                "--kafka-security-protocol",
                                "sasl_plaintext",
                                "--kafka-username",
                                "lake",
                                "--kafka-password-file",
                                pw.toString())
                        .kafka
                        .auth
                        .security(k -> null);
        assertThat(fromFile.clientProperties().get("sasl.jaas.config")).contains(CANARY);
        KafkaClientSecurity fromEnv =
                parse("--kafka-security-protocol", "SASL_SSL", "--kafka-username", "lake")
                        .kafka
                        .auth
                        .security(Map.of(KafkaOptions.PASSWORD_ENV, CANARY)::get);
        assertThat(fromEnv.clientProperties().get("sasl.jaas.config")).contains(CANARY);
    }

    @Test
    void aRefusedPropertyIsNamed() {
        assertThatThrownBy(
                        () ->
                                parse("--kafka-property", "sasl.jaas.config=x required;")
                                        .kafka
                                        .auth
                                        .security(k -> null))
                .hasMessageStartingWith(
                        "the Kafka client property 'sasl.jaas.config' is not allowed");
        assertThat(
                        parse(
                                        "--kafka-property",
                                        "ssl.enabled.protocols=TLSv1.3,TLSv1.2,client.id=x")
                                .kafka
                                .auth
                                .securityProtocol)
                .isEqualTo("PLAINTEXT");
        assertThat(
                        KafkaSecurityOptions.parseProperties(
                                new String[] {
                                    "ssl.enabled.protocols=TLSv1.3", "TLSv1.2", "client.id=x"
                                }))
                .containsExactly(
                        Map.entry("ssl.enabled.protocols", "TLSv1.3,TLSv1.2"),
                        Map.entry("client.id", "x"));
    }
}
