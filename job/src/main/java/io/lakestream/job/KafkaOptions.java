package io.lakestream.job;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the events come from and the time rules that apply to them: shared by {@code run} (here and
 * in the CLI) and {@code repair}.
 */
public final class KafkaOptions {

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
}
