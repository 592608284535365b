package io.lakestream.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static final Path LOG_DIRS = Path.of("/data/kafka/data").toAbsolutePath();

    @Test
    void rendersASingleNodeKraftBrokerOnLoopback() {
        Map<String, String> p = BrokerConfig.serverProperties(19092, 19093, LOG_DIRS);

        assertThat(p)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry(
                        "listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", LOG_DIRS.toString())
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void aScramListenerComesNextToThePlaintextOnesAndHoldsNoPassword() {
        Map<String, String> p = BrokerConfig.serverProperties(19092, 19093, 19094, LOG_DIRS);

        assertThat(p)
                .containsEntry(
                        "listeners",
                        "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093,"
                                + "SASL_PLAINTEXT://127.0.0.1:19094")
                .containsEntry(
                        "advertised.listeners",
                        "PLAINTEXT://127.0.0.1:19092,SASL_PLAINTEXT://127.0.0.1:19094")
                .containsEntry(
                        "listener.security.protocol.map",
                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-256")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry(
                        "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        assertThat(BrokerConfig.serverProperties(19092, 19093, 0, LOG_DIRS))
                .isEqualTo(BrokerConfig.serverProperties(19092, 19093, LOG_DIRS))
                .doesNotContainKey("sasl.enabled.mechanisms");
    }

    @Test
    void aTlsListenerTakesScramOverTlsWithTheBrokersKeyStore() {
        BrokerTls tls =
                new BrokerTls(
                        Path.of("/data/tls/broker.p12"), "store-pw", Path.of("/data/tls/ca.pem"));
        Map<String, String> p =
                BrokerConfig.serverProperties(19092, 19093, 19094, 19095, tls, LOG_DIRS);

        assertThat(p)
                .containsEntry(
                        "listeners",
                        "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093,"
                                + "SASL_PLAINTEXT://127.0.0.1:19094,SASL_SSL://127.0.0.1:19095")
                .containsEntry(
                        "advertised.listeners",
                        "PLAINTEXT://127.0.0.1:19092,SASL_PLAINTEXT://127.0.0.1:19094,"
                                + "SASL_SSL://127.0.0.1:19095")
                .containsEntry(
                        "listener.security.protocol.map",
                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,"
                                + "SASL_SSL:SASL_SSL")
                .containsEntry(
                        "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12")
                .containsEntry(
                        "listener.name.sasl_ssl.ssl.keystore.location", "/data/tls/broker.p12")
                .containsEntry("listener.name.sasl_ssl.ssl.keystore.password", "store-pw")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT");
        assertThat(tls.toString()).doesNotContain("store-pw");
    }

    @Test
    void internalTopicsFitOneBrokerSoExactlyOnceWorks() {
        Map<String, String> p = BrokerConfig.serverProperties(19092, 19093, LOG_DIRS);

        assertThat(p)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1");
    }

    @Test
    void keepsKafkasDefaultsForTopicCreationAndRetention() {
        Map<String, String> p = BrokerConfig.serverProperties(19092, 19093, LOG_DIRS);

        assertThat(p)
                .doesNotContainKeys(
                        "auto.create.topics.enable", "log.retention.hours", "log.retention.ms");
    }

    @Test
    void renderedPropertiesLoadBackUnchanged() throws IOException {
        Map<String, String> p = new HashMap<>(BrokerConfig.serverProperties(1, 2, LOG_DIRS));
        p.put("log.dirs", " C:\\Users\\a b\\kafka=data:x#y\tz");

        assertThat(load(BrokerConfig.render(p))).isEqualTo(p);
    }

    @Test
    void log4jConfigWritesToTheLogFileOnly() throws IOException {
        Path log = Path.of("/tmp/some dir/broker.log").toAbsolutePath();

        Map<String, String> config = load(BrokerConfig.log4jConfig(log));

        assertThat(config)
                .containsEntry("appender.file.fileName", log.toString())
                .containsEntry("rootLogger.appenderRef.file.ref", "file")
                .containsEntry("shutdownHook", "disable");
        assertThat(config.values()).noneMatch(v -> v.equals("Console"));
    }

    private static Map<String, String> load(String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        Map<String, String> map = new HashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }
}
