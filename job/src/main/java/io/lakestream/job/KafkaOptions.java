package io.lakestream.job;

import io.lakestream.connectors.kafka.KafkaClientSecurity;
import io.lakestream.job.config.ConfigDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the events come from and the time rules that apply to them: shared by {@code run} (here and
 * in the CLI) and {@code repair}. Also how the Kafka clients authenticate: see {@link #security()}.
 */
public final class KafkaOptions {

    /** The environment variable a Kafka password may come from. */
    public static final String PASSWORD_ENV = "LAKESTREAM_KAFKA_PASSWORD";

    /** The environment variable a trust store password may come from. */
    public static final String TRUSTSTORE_PASSWORD_ENV = "LAKESTREAM_KAFKA_TRUSTSTORE_PASSWORD";

    @Option(
            names = "--bootstrap",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrap;

    @Option(names = "--topic", defaultValue = "events", description = "Events topic.")
    public String topic;

    @Option(
            names = "--max-delay",
            defaultValue = "PT10M",
            description =
                    "Watermark delay: events later than this are late (default ${DEFAULT-VALUE}).")
    public Duration maxDelay;

    @Option(
            names = "--lookback",
            defaultValue = "P2D",
            description =
                    "How long after a date a backfill still reads deliveries (default ${DEFAULT-VALUE}).")
    public Duration lookback;

    @Option(
            names = "--kafka-security-protocol",
            defaultValue = "PLAINTEXT",
            paramLabel = "PROTOCOL",
            description = "PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL (default ${DEFAULT-VALUE}).")
    public String securityProtocol;

    @Option(
            names = "--kafka-sasl-mechanism",
            defaultValue = "SCRAM-SHA-256",
            paramLabel = "MECHANISM",
            description =
                    "SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN, for the SASL protocols (default"
                            + " ${DEFAULT-VALUE}).")
    public String saslMechanism;

    @Option(names = "--kafka-username", paramLabel = "USER", description = "The SASL username.")
    public String username;

    /**
     * From the {@code --config} file only: a value typed on the command line would stay in the
     * shell history and the process list, so the flag itself is refused.
     */
    @Option(
            names = "--kafka-password",
            hidden = true,
            preprocessor = NotOnTheCommandLine.class,
            description = "The SASL password: only from the --config file (kafka.password).")
    public String password;

    @Option(
            names = "--kafka-password-file",
            paramLabel = "FILE",
            description =
                    "A file holding the SASL password (its first line); or kafka.password in the"
                            + " --config file, or the environment variable "
                            + PASSWORD_ENV
                            + ".")
    public Path passwordFile;

    @Option(
            names = "--kafka-ssl-truststore",
            paramLabel = "FILE",
            description = "Trust store (PKCS12 or JKS) of the brokers' CA, for SSL and SASL_SSL.")
    public Path truststore;

    /** From the {@code --config} file only, as {@link #password}. */
    @Option(
            names = "--kafka-ssl-truststore-password",
            hidden = true,
            preprocessor = NotOnTheCommandLine.class,
            description = "The trust store's password: only from the --config file.")
    public String truststorePassword;

    @Option(
            names = "--kafka-property",
            split = ",",
            paramLabel = "KEY=VALUE",
            description =
                    "Extra Kafka client properties, from an allowlist (ssl.endpoint.identification"
                            + ".algorithm, client.dns.lookup, request.timeout.ms, ...); others,"
                            + " such as sasl.jaas.config, are refused.")
    public String[] properties;

    /**
     * How the Kafka clients of the run authenticate. The password comes from, in this order: the
     * {@code --config} file's {@code kafka.password}, {@code --kafka-password-file}, the
     * environment variable {@value #PASSWORD_ENV}.
     *
     * @throws IllegalArgumentException with one line naming the setting, for a mistake (never
     *     containing a secret)
     */
    public KafkaClientSecurity security() {
        return security(System::getenv);
    }

    KafkaClientSecurity security(Function<String, String> env) {
        KafkaClientSecurity.Protocol protocol =
                KafkaClientSecurity.Protocol.parse("kafka.security-protocol", securityProtocol);
        KafkaClientSecurity.Builder b = KafkaClientSecurity.builder(protocol);
        if (protocol.sasl()) {
            b.mechanism(KafkaClientSecurity.Mechanism.parse("kafka.sasl-mechanism", saslMechanism));
            b.credentials(username, password(env));
        } else if (username != null || password != null || passwordFile != null) {
            throw new IllegalArgumentException(
                    "a Kafka username or password is given but kafka.security-protocol is "
                            + protocol
                            + ": set it to SASL_PLAINTEXT or SASL_SSL");
        }
        if (truststore != null) {
            if (!Files.isReadable(truststore)) {
                throw new IllegalArgumentException(
                        "kafka.ssl-truststore: cannot read " + truststore);
            }
            String tp =
                    truststorePassword != null
                            ? truststorePassword
                            : env.apply(TRUSTSTORE_PASSWORD_ENV);
            b.truststore(truststore.toAbsolutePath().toString(), tp);
        }
        for (Map.Entry<String, String> e : parseProperties(properties).entrySet()) {
            b.property(e.getKey(), e.getValue());
        }
        return b.build();
    }

    private String password(Function<String, String> env) {
        if (password != null) {
            return password;
        }
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("");
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(
                        "--kafka-password-file: no such file " + passwordFile);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--kafka-password-file: cannot read " + passwordFile);
            }
        }
        return env.apply(PASSWORD_ENV);
    }

    /**
     * {@code KEY=VALUE} items; an item without {@code =} continues the previous value (the items
     * were split at commas, and values such as {@code ssl.enabled.protocols} are comma lists).
     */
    static Map<String, String> parseProperties(String[] items) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (items == null) {
            return out;
        }
        String last = null;
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                if (last == null) {
                    throw new IllegalArgumentException(
                            "--kafka-property takes KEY=VALUE, was '" + item + "'");
                }
                out.put(last, out.get(last) + "," + item);
                continue;
            }
            last = item.substring(0, eq).trim();
            out.put(last, item.substring(eq + 1));
        }
        return out;
    }

    /**
     * Refuses a secret typed on the command line; the option still takes its value from the {@code
     * --config} file, which {@link ConfigDefaults} marks.
     */
    public static final class NotOnTheCommandLine implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(
                Stack<String> args,
                CommandSpec commandSpec,
                ArgSpec argSpec,
                Map<String, Object> info) {
            String flag = ((CommandLine.Model.OptionSpec) argSpec).longestName();
            if (!args.isEmpty() && args.peek().startsWith(ConfigDefaults.FROM_FILE)) {
                args.push(args.pop().substring(ConfigDefaults.FROM_FILE.length()));
                return false; // the --config file's value: picocli sets it as usual
            }
            // drop the value, so no later message can echo it
            if (!args.isEmpty()) {
                args.pop();
            }
            List<String> ways = new ArrayList<>();
            ways.add("the --config file");
            if (flag.equals("--kafka-password")) {
                ways.add("--kafka-password-file");
                ways.add(PASSWORD_ENV);
            } else {
                ways.add(TRUSTSTORE_PASSWORD_ENV);
            }
            throw new CommandLine.ParameterException(
                    commandSpec.commandLine(),
                    flag
                            + " is not taken on the command line (it would stay in the shell"
                            + " history): use "
                            + String.join(", ", ways));
        }
    }
}
