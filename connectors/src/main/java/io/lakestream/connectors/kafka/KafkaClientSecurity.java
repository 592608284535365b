package io.lakestream.connectors.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * How every Kafka client of a run authenticates and encrypts: the security protocol, the SASL
 * mechanism and credentials, the TLS trust store, and a few extra client properties from an
 * allowlist. The same value configures the Flink Kafka source, the planner's admin client and the
 * generator's producer, through {@link #clientProperties()}.
 *
 * <p>Users never give {@code sasl.jaas.config}: the JAAS line is built here from a fixed login
 * module (SCRAM or PLAIN) with the username and password quoted, so no configuration value can load
 * another login module (the class of CVE-2023-25194) or add options to the line. Extra properties
 * are accepted only if their names are in {@link #ALLOWED_PROPERTIES}.
 *
 * <p>{@link #toString()} and {@link #describe()} never show a password.
 */
public final class KafkaClientSecurity {

    /** Plaintext, no authentication: Kafka's default. */
    public static final KafkaClientSecurity PLAINTEXT =
            new KafkaClientSecurity(Protocol.PLAINTEXT, null, null, null, null, null, Map.of());

    /**
     * Client properties a user may set besides the ones this class sets; anything else (above all
     * {@code sasl.jaas.config}, {@code sasl.login.class}, {@code
     * sasl.client.callback.handler.class} and other class names) is refused.
     */
    public static final Set<String> ALLOWED_PROPERTIES =
            Set.of(
                    "ssl.endpoint.identification.algorithm",
                    "ssl.enabled.protocols",
                    "ssl.protocol",
                    "ssl.cipher.suites",
                    "ssl.truststore.type",
                    "client.dns.lookup",
                    "client.id",
                    "request.timeout.ms",
                    "reconnect.backoff.ms",
                    "reconnect.backoff.max.ms",
                    "connections.max.idle.ms",
                    "socket.connection.setup.timeout.ms",
                    "socket.connection.setup.timeout.max.ms",
                    "sasl.login.connect.timeout.ms",
                    "sasl.login.read.timeout.ms");

    /** {@code security.protocol}. */
    public enum Protocol {
        PLAINTEXT,
        SSL,
        SASL_PLAINTEXT,
        SASL_SSL;

        public boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        public boolean tls() {
            return this == SSL || this == SASL_SSL;
        }

        /** Parses a protocol name, case-insensitively; the message names {@code what}. */
        public static Protocol parse(String what, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        what
                                + " must be PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL, was '"
                                + value
                                + "'");
            }
        }
    }

    /** {@code sasl.mechanism}, with the one login module each may use. */
    public enum Mechanism {
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka uses, e.g. {@code SCRAM-SHA-256}. */
        public String kafkaName() {
            return kafkaName;
        }

        public String loginModule() {
            return loginModule;
        }

        /** Parses {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512} or {@code PLAIN}. */
        public static Mechanism parse(String what, String value) {
            for (Mechanism m : values()) {
                if (m.kafkaName.equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    what + " must be SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN, was '" + value + "'");
        }
    }

    private final Protocol protocol;
    private final Mechanism mechanism;
    private final String username;
    private final String password;
    private final String truststore;
    private final String truststorePassword;
    private final Map<String, String> extra;

    private KafkaClientSecurity(
            Protocol protocol,
            Mechanism mechanism,
            String username,
            String password,
            String truststore,
            String truststorePassword,
            Map<String, String> extra) {
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static Builder builder(Protocol protocol) {
        return new Builder(Objects.requireNonNull(protocol, "protocol"));
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The SASL mechanism, or null when the protocol has no SASL. */
    public Mechanism mechanism() {
        return mechanism;
    }

    /** The SASL username, or null. */
    public String username() {
        return username;
    }

    /**
     * The properties every Kafka client of the run gets ({@code security.protocol}, {@code sasl.*},
     * {@code ssl.*} and the allowed extras); empty for {@link #PLAINTEXT} without extras. They
     * contain the password: hand them to a Kafka client only, never log or report them.
     */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>(extra);
        if (protocol != Protocol.PLAINTEXT) {
            p.put("security.protocol", protocol.name());
        }
        if (protocol.sasl()) {
            p.put("sasl.mechanism", mechanism.kafkaName());
            p.put("sasl.jaas.config", jaasConfig(mechanism, username, password));
        }
        if (protocol.tls() && truststore != null) {
            p.put("ssl.truststore.location", truststore);
            if (isPem(truststore)) {
                // Kafka reads PEM certificates itself (KIP-651); a PEM store takes no password
                p.putIfAbsent("ssl.truststore.type", "PEM");
            } else if (truststorePassword != null) {
                p.put("ssl.truststore.password", truststorePassword);
            }
        }
        return p;
    }

    /** {@link #clientProperties()} added to {@code target}; returns it. */
    public Properties addTo(Properties target) {
        target.putAll(clientProperties());
        return target;
    }

    /**
     * What a manifest or a message may say about this: protocol, mechanism, user, trust store;
     * never a password.
     */
    public String describe() {
        StringBuilder s = new StringBuilder(protocol.name());
        if (protocol.sasl()) {
            s.append(' ')
                    .append(mechanism.kafkaName())
                    .append(" user '")
                    .append(username)
                    .append('\'');
        }
        if (truststore != null) {
            s.append(" truststore ").append(truststore);
        }
        return s.toString();
    }

    /** A trust store of PEM certificates ({@code .pem}, {@code .crt}) rather than a key store. */
    static boolean isPem(String location) {
        String name = location.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crt");
    }

    /**
     * The JAAS line of {@code mechanism}'s login module with {@code username} and {@code password}
     * as quoted options: a backslash or a double quote in them is escaped, so neither can end the
     * quoted value and add options or another login module.
     *
     * @throws IllegalArgumentException for a line break or another control character, which the
     *     JAAS parser cannot take inside a quoted value
     */
    static String jaasConfig(Mechanism mechanism, String username, String password) {
        return mechanism.loginModule()
                + " required username="
                + quote("the Kafka username", username)
                + " password="
                + quote("the Kafka password", password)
                + ";";
    }

    private static String quote(String what, String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        what + " must not contain a line break or another control character");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return "KafkaClientSecurity["
                + describe()
                + (password == null ? "" : ", password <secret>")
                + (extra.isEmpty() ? "" : ", " + extra)
                + "]";
    }

    /** Builds a {@link KafkaClientSecurity}; {@link #build()} checks the combination. */
    public static final class Builder {
        private final Protocol protocol;
        private Mechanism mechanism = Mechanism.SCRAM_SHA_256;
        private String username;
        private String password;
        private String truststore;
        private String truststorePassword;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder(Protocol protocol) {
            this.protocol = protocol;
        }

        public Builder mechanism(Mechanism v) {
            mechanism = Objects.requireNonNull(v, "mechanism");
            return this;
        }

        public Builder credentials(String user, String pass) {
            username = user;
            password = pass;
            return this;
        }

        public Builder truststore(String location, String pass) {
            truststore = location;
            truststorePassword = pass;
            return this;
        }

        /**
         * An extra client property.
         *
         * @throws IllegalArgumentException naming the key, if it is not in {@link
         *     #ALLOWED_PROPERTIES}
         */
        public Builder property(String key, String value) {
            String k = key.trim();
            if (!ALLOWED_PROPERTIES.contains(k)) {
                throw new IllegalArgumentException(
                        "the Kafka client property '"
                                + k
                                + "' is not allowed (allowed: "
                                + String.join(", ", ALLOWED_PROPERTIES.stream().sorted().toList())
                                + "; credentials and TLS go in kafka.username, kafka.password and"
                                + " kafka.ssl-truststore)");
            }
            extra.put(k, value);
            return this;
        }

        public KafkaClientSecurity build() {
            if (protocol.sasl()) {
                if (username == null || username.isBlank()) {
                    throw new IllegalArgumentException(
                            "kafka.security-protocol "
                                    + protocol
                                    + " needs kafka.username (--kafka-username)");
                }
                if (password == null || password.isEmpty()) {
                    throw new IllegalArgumentException(
                            "kafka.security-protocol "
                                    + protocol
                                    + " needs a password: kafka.password in the --config file,"
                                    + " --kafka-password-file or LAKESTREAM_KAFKA_PASSWORD");
                }
                jaasConfig(mechanism, username, password); // checks the characters
            }
            if (truststore != null && !protocol.tls()) {
                throw new IllegalArgumentException(
                        "kafka.ssl-truststore applies to SSL and SASL_SSL only; kafka.security-protocol"
                                + " is "
                                + protocol);
            }
            if (truststore != null && isPem(truststore) && truststorePassword != null) {
                throw new IllegalArgumentException(
                        "kafka.ssl-truststore "
                                + truststore
                                + " holds PEM certificates, which take no password: unset"
                                + " kafka.ssl-truststore-password");
            }
            return new KafkaClientSecurity(
                    protocol,
                    protocol.sasl() ? mechanism : null,
                    protocol.sasl() ? username : null,
                    protocol.sasl() ? password : null,
                    truststore,
                    truststore == null ? null : truststorePassword,
                    extra);
        }
    }
}
