package io.lakestream.deploy.generate;

/**
 * What {@link KafkaEventPublisher} sent and how fast, so the CLI and benchmarks can report it.
 *
 * @param records the records sent, per kind
 * @param seconds wall time from the first send to the end of the final flush
 */
public record PublishSummary(GenerationSummary records, double seconds) {

    /** Records (of all kinds) per second. */
    public double recordsPerSecond() {
        return seconds <= 0 ? 0 : records.total() / seconds;
    }
}
