package io.lakestream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.kafka.KafkaClientSecurity.Mechanism;
import io.lakestream.connectors.kafka.KafkaClientSecurity.Protocol;
import java.time.Duration;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

/** Client properties of each protocol, the JAAS line's quoting, the allowlist, redaction. */
class KafkaClientSecurityTest {

    private static final String CANARY = "canary-5f3a9c";

    @Test
    void plaintextAddsNothing() {
        assertThat(KafkaClientSecurity.PLAINTEXT.clientProperties()).isEmpty();
    }

    @Test
    void scramBuildsTheJaasLineFromTheScramLoginModule() {
        Map<String, String> p =
                KafkaClientSecurity.builder(Protocol.SASL_PLAINTEXT)
                        .credentials("lake", CANARY)
                        .build()
                        .clientProperties();
        assertThat(p)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        AppConfigurationEntry entry = parse(p.get("sasl.jaas.config"));
        assertThat(entry.getLoginModuleName())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(Map.<String, Object>copyOf(entry.getOptions()))
                .isEqualTo(Map.of("username", "lake", "password", CANARY));
    }

    @Test
    void plainUsesThePlainLoginModule() {
        Map<String, String> p =
                KafkaClientSecurity.builder(Protocol.SASL_SSL)
                        .mechanism(Mechanism.PLAIN)
                        .credentials("lake", "pw")
                        .truststore("/etc/ts.p12", "tspw")
                        .build()
                        .clientProperties();
        assertThat(parse(p.get("sasl.jaas.config")).getLoginModuleName())
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(p)
                .containsEntry("ssl.truststore.location", "/etc/ts.p12")
                .containsEntry("ssl.truststore.password", "tspw");
    }

    @Test
    void aPemTrustStoreIsReadAsPemAndTakesNoPassword() {
        Map<String, String> p =
                KafkaClientSecurity.builder(Protocol.SASL_SSL)
                        .credentials("lake", "pw")
                        .truststore("/data/kafka/tls/ca.pem", null)
                        .build()
                        .clientProperties();
        assertThat(p)
                .containsEntry("ssl.truststore.location", "/data/kafka/tls/ca.pem")
                .containsEntry("ssl.truststore.type", "PEM")
                .doesNotContainKey("ssl.truststore.password");
        assertThat(
                        KafkaClientSecurity.builder(Protocol.SSL)
                                .truststore("/etc/ca.CRT", null)
                                .property("ssl.truststore.type", "PEM")
                                .build()
                                .clientProperties())
                .containsEntry("ssl.truststore.type", "PEM");
        assertThatThrownBy(
                        () ->
                                KafkaClientSecurity.builder(Protocol.SSL)
                                        .truststore("/etc/ca.pem", CANARY)
                                        .build())
                .hasMessage(
                        "kafka.ssl-truststore /etc/ca.pem holds PEM certificates, which take no"
                                + " password: unset kafka.ssl-truststore-password")
                .message()
                .doesNotContain(CANARY);
    }

    @Test
    void quotesAndBackslashesCannotBreakOutOfTheJaasString() {
        String user = "u\" password=\"x\"; com.evil.Module required a=\"";
        String password =
                "p\\\"; org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"x\" \\";
        String line = KafkaClientSecurity.jaasConfig(Mechanism.SCRAM_SHA_512, user, password);
        AppConfigurationEntry entry = parse(line);
        assertThat(entry.getLoginModuleName())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(Map.<String, Object>copyOf(entry.getOptions()))
                .isEqualTo(Map.of("username", user, "password", password));
    }

    @Test
    void aLineBreakInACredentialIsRefused() {
        assertThatThrownBy(
                        () ->
                                KafkaClientSecurity.builder(Protocol.SASL_PLAINTEXT)
                                        .credentials("u", "a\nb")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the Kafka password must not contain a line break or another control"
                                + " character");
    }

    @Test
    void onlyAllowlistedPropertiesAreAccepted() {
        KafkaClientSecurity.Builder b = KafkaClientSecurity.builder(Protocol.PLAINTEXT);
        assertThat(b.property("client.dns.lookup", "use_all_dns_ips").build().clientProperties())
                .containsExactly(Map.entry("client.dns.lookup", "use_all_dns_ips"));
        for (String key :
                new String[] {
                    "sasl.jaas.config",
                    "sasl.login.class",
                    "sasl.client.callback.handler.class",
                    "security.protocol",
                    "ssl.truststore.location",
                    "interceptor.classes"
                }) {
            assertThatThrownBy(() -> b.property(key, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "the Kafka client property '" + key + "' is not allowed");
        }
    }

    @Test
    void saslNeedsCredentials() {
        assertThatThrownBy(() -> KafkaClientSecurity.builder(Protocol.SASL_SSL).build())
                .hasMessage(
                        "kafka.security-protocol SASL_SSL needs kafka.username (--kafka-username)");
        assertThatThrownBy(
                        () ->
                                KafkaClientSecurity.builder(Protocol.SASL_SSL)
                                        .credentials("u", null)
                                        .build())
                .hasMessageStartingWith("kafka.security-protocol SASL_SSL needs a password");
    }

    @Test
    void toStringAndDescribeNeverShowThePasswords() {
        KafkaClientSecurity s =
                KafkaClientSecurity.builder(Protocol.SASL_SSL)
                        .credentials("lake", CANARY)
                        .truststore("/etc/ts.p12", CANARY + "-ts")
                        .build();
        assertThat(s.toString())
                .doesNotContain(CANARY)
                .isEqualTo(
                        "KafkaClientSecurity[SASL_SSL SCRAM-SHA-256 user 'lake' truststore"
                                + " /etc/ts.p12, password <secret>]");
        assertThat(s.describe()).doesNotContain(CANARY);
    }

    @Test
    void refusedCredentialsAreOneLineNamingTheUser() {
        KafkaClientSecurity s =
                KafkaClientSecurity.builder(Protocol.SASL_PLAINTEXT)
                        .credentials("lake", CANARY)
                        .build();
        KafkaUnavailableException e =
                KafkaFailures.explain(
                        "127.0.0.1:9093",
                        s,
                        Duration.ofSeconds(15),
                        new RuntimeException(new SaslAuthenticationException("bad")));
        assertThat(e.getMessage())
                .isEqualTo(
                        "Kafka at 127.0.0.1:9093 refused the credentials for user 'lake'"
                                + " (SCRAM-SHA-256)");
        assertThat(
                        KafkaFailures.explain(
                                        "h:1",
                                        KafkaClientSecurity.PLAINTEXT,
                                        Duration.ofSeconds(15),
                                        new java.util.concurrent.TimeoutException())
                                .getMessage())
                .contains("is the listener SASL/TLS? check kafka.security-protocol");
    }

    private static AppConfigurationEntry parse(String line) {
        java.util.List<AppConfigurationEntry> entries =
                JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(line)))
                        .configurationEntries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
