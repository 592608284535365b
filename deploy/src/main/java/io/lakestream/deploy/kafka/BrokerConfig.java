package io.lakestream.deploy.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the configuration of the local single-node broker: {@code server.properties} for a KRaft
 * broker that is also its own controller, and a log4j2 configuration that sends its log to a file.
 *
 * <p>Everything a single node needs is set explicitly: replication factor and min ISR 1 for the
 * internal topics (exactly-once producers and Flink's KafkaSink need the transaction-state topic),
 * no initial rebalance delay (consumers in tests and the demo start at once). Automatic topic
 * creation keeps Kafka's default (on); topics that back replays are created by {@link KafkaTopics}
 * with unlimited retention.
 */
final class BrokerConfig {

    /** The broker listens on the loopback interface only. */
    static final String HOST = "127.0.0.1";

    static final int NODE_ID = 1;

    /** The mechanism of the optional SASL listener. */
    static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

    private BrokerConfig() {}

    /** The broker settings, in a stable order. */
    static Map<String, String> serverProperties(int port, int controllerPort, Path logDirs) {
        return serverProperties(port, controllerPort, 0, logDirs);
    }

    static Map<String, String> serverProperties(
            int port, int controllerPort, int saslPort, Path logDirs) {
        return serverProperties(port, controllerPort, saslPort, 0, null, logDirs);
    }

    /**
     * As {@link #serverProperties(int, int, Path)}, plus, when {@code saslPort} is not 0, a {@code
     * SASL_PLAINTEXT} listener there taking SCRAM-SHA-256 (the users are created once the broker
     * runs, see {@link BrokerStart}); the controller and inter-broker listeners stay plaintext on
     * the loopback interface. When {@code tlsPort} is not 0 there is also a {@code SASL_SSL}
     * listener there, SCRAM-SHA-256 over TLS with the certificate of {@code tls}.
     */
    static Map<String, String> serverProperties(
            int port, int controllerPort, int saslPort, int tlsPort, BrokerTls tls, Path logDirs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + HOST
                        + ":"
                        + port
                        + ",CONTROLLER://"
                        + HOST
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (saslPort != 0) {
            addScramListener(p, "SASL_PLAINTEXT", saslPort);
        }
        if (tlsPort != 0) {
            addScramListener(p, "SASL_SSL", tlsPort);
            p.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
            p.put("listener.name.sasl_ssl.ssl.keystore.location", tls.keystore().toString());
            p.put("listener.name.sasl_ssl.ssl.keystore.password", tls.keystorePassword());
        }
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirs.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** A listener {@code protocol} (also its name) on {@code port} that takes SCRAM-SHA-256. */
    private static void addScramListener(Map<String, String> p, String protocol, int port) {
        String listener = "," + protocol + "://" + HOST + ":" + port;
        p.put("listeners", p.get("listeners") + listener);
        p.put("advertised.listeners", p.get("advertised.listeners") + listener);
        p.put(
                "listener.security.protocol.map",
                p.get("listener.security.protocol.map") + "," + protocol + ":" + protocol);
        p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put(
                "listener.name."
                        + protocol.toLowerCase(java.util.Locale.ROOT)
                        + ".scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    /** Renders settings in {@code .properties} syntax (values escaped, so any path loads back). */
    static String render(Map<String, String> properties) {
        StringBuilder out =
                new StringBuilder("# Written by lakestream; rewritten on every start.\n");
        properties.forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
        return out.toString();
    }

    /** A log4j2 configuration writing everything at INFO to {@code logFile}, nothing to stdout. */
    static String log4jConfig(Path logFile) {
        return String.join(
                "\n",
                "# Written by lakestream: the broker logs to a file, not to the console.",
                "status = warn",
                "shutdownHook = disable",
                "appender.file.type = RollingFile",
                "appender.file.name = file",
                "appender.file.fileName = " + escape(logFile.toAbsolutePath().toString()),
                "appender.file.filePattern = " + escape(logFile.toAbsolutePath() + ".%i"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "appender.file.policies.type = Policies",
                "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
                "appender.file.policies.size.size = 50MB",
                "appender.file.strategy.type = DefaultRolloverStrategy",
                "appender.file.strategy.max = 3",
                "rootLogger.level = info",
                "rootLogger.appenderRef.file.ref = file",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                "");
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        if (!out.isEmpty() && out.charAt(0) == ' ') {
            out.insert(0, '\\');
        }
        return out.toString();
    }
}
