package io.lakestream.deploy.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the events come from and the time rules that apply to them: shared by run and repair. */
final class KafkaReadOptions {

    @Option(
            names = "--bootstrap",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "events", description = "Events topic.")
    String topic;

    @Option(
            names = "--max-delay",
            defaultValue = "PT10M",
            description =
                    "Watermark delay: events later than this are late (default ${DEFAULT-VALUE}).")
    Duration maxDelay;

    @Option(
            names = "--lookback",
            defaultValue = "P2D",
            description =
                    "How long after a date a backfill still reads deliveries (default ${DEFAULT-VALUE}).")
    Duration lookback;
}
