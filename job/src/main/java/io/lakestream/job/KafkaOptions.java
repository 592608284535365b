package io.lakestream.job;

import io.lakestream.connectors.kafka.KafkaClientSecurity;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the events come from and the time rules that apply to them: shared by {@code run} (here and
 * in the CLI) and {@code repair}. Also how the Kafka clients authenticate: see {@link #security()}.
 */
public final class KafkaOptions {

    /** The environment variable a Kafka password may come from. */
    public static final String PASSWORD_ENV = KafkaSecurityOptions.PASSWORD_ENV;

    /** The environment variable a trust store password may come from. */
    public static final String TRUSTSTORE_PASSWORD_ENV =
            KafkaSecurityOptions.TRUSTSTORE_PASSWORD_ENV;

    @Option(
            names = "--bootstrap",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrap;

    @Option(names = "--topic", defaultValue = "events", description = "Events topic.")
    public String topic;

    @Option(
            names = "--users-topic",
            defaultValue = "users",
            description =
                    "The users changelog topic (profile versions), read by training_examples"
                            + " (default: ${DEFAULT-VALUE}).")
    public String usersTopic;

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

    /** How the Kafka clients authenticate. */
    @Mixin public KafkaSecurityOptions auth;

    /**
     * How the Kafka clients of the run authenticate: {@link KafkaSecurityOptions#security()}.
     *
     * @throws IllegalArgumentException with one line naming the setting, for a mistake (never
     *     containing a secret)
     */
    public KafkaClientSecurity security() {
        return auth.security();
    }
}
