package io.lakestream.deploy.cli;

import io.lakestream.deploy.generate.GenerationSummary;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.PublishSummary;
import io.lakestream.deploy.generate.SchemaDrift;
import io.lakestream.job.KafkaSecurityOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakestream generate}: writes a deterministic, realistic event history (with duplicates,
 * late and malformed records) into a Kafka topic, as input for demos, tests and benchmarks.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description =
                "Generate a deterministic event history (same seed, same bytes) into a Kafka"
                        + " topic: Zipf item popularity, a hot user, out-of-order delivery,"
                        + " duplicates, late and malformed records.")
final class GenerateCommand implements Runnable {

    /** Kafka's default {@code message.timestamp.after.max.ms} (since Kafka 4.0). */
    private static final java.time.Duration FUTURE_TOLERANCE = java.time.Duration.ofHours(1);

    @Spec CommandSpec spec;

    @Option(
            names = "--bootstrap",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka broker HOST:PORT. Default: ${DEFAULT-VALUE}")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "events", description = "Default: ${DEFAULT-VALUE}")
    String topic;

    @Option(
            names = "--users-topic",
            defaultValue = "users",
            description =
                    "The users changelog topic (profile versions over the range, keyed by"
                            + " user). Default: ${DEFAULT-VALUE}")
    String usersTopic;

    @Option(names = "--events", required = true, description = "Distinct events (valid + late).")
    long events;

    @Option(names = "--seed", required = true, description = "Same seed, same records.")
    long seed;

    @Option(names = "--users", defaultValue = "10000", description = "Default: ${DEFAULT-VALUE}")
    int users;

    @Option(names = "--items", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}")
    int items;

    @Option(
            names = "--start",
            defaultValue = "2026-11-01",
            description = "First event date (UTC). Default: ${DEFAULT-VALUE}")
    String start;

    @Option(names = "--days", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}")
    int days;

    @Option(names = "--late-fraction", defaultValue = "0.001", description = "Default: 0.001")
    double lateFraction;

    @Option(names = "--duplicate-fraction", defaultValue = "0.01", description = "Default: 0.01")
    double duplicateFraction;

    @Option(names = "--malformed-fraction", defaultValue = "0.001", description = "Default: 0.001")
    double malformedFraction;

    @Option(names = "--zipf", defaultValue = "1.1", description = "Item popularity exponent.")
    double zipf;

    @Option(
            names = "--partitions",
            defaultValue = "1",
            description = "Partitions if the topic is created. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(
            names = "--speed",
            paramLabel = "N",
            description =
                    "Send like a live source, N seconds of history per second (1 = real time,"
                            + " 60 = an hour a minute), paced by the records' ingestion times."
                            + " Default: as fast as the broker takes them.")
    Double speed;

    @Option(
            names = "--drift",
            paramLabel = "KIND",
            description =
                    "Change the producer's schema from --drift-from on: prices-in-cents (purchases"
                            + " priced a hundredfold: valid records, caught by a mean rule) or"
                            + " age-as-birth-date (age sent as \"1990-05-17\": quarantined by the"
                            + " contract). Default: none.")
    String drift;

    @Option(
            names = "--drift-from",
            paramLabel = "TIME",
            description =
                    "Event time the --drift starts at: 2026-11-02T14:00:00Z, or a date (its"
                            + " midnight UTC).")
    String driftFrom;

    @Mixin KafkaSecurityOptions kafka;

    @Override
    public void run() {
        GeneratorConfig config = config();
        io.lakestream.connectors.kafka.KafkaClientSecurity security;
        try {
            security = kafka.security();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (!bootstrap.matches("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*")) {
            throw new UserError(
                    "--bootstrap must be HOST:PORT, e.g. 127.0.0.1:9092 (got '" + bootstrap + "')");
        }
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new UserError(
                    "--topic must be 1-249 letters, digits, '.', '_' or '-' (got '" + topic + "')");
        }
        if (!usersTopic.matches("[A-Za-z0-9._-]{1,249}") || usersTopic.equals(topic)) {
            throw new UserError(
                    "--users-topic must be 1-249 letters, digits, '.', '_' or '-', and differ"
                            + " from --topic (got '"
                            + usersTopic
                            + "')");
        }
        long lastDelivery = config.endMillis() + config.lateDelayMax().toMillis();
        if (lastDelivery > System.currentTimeMillis() + FUTURE_TOLERANCE.toMillis()) {
            throw new UserError(
                    "--start "
                            + start
                            + " --days "
                            + days
                            + " delivers records until "
                            + java.time.Instant.ofEpochMilli(lastDelivery)
                            + ", in the future: Kafka refuses records timestamped more than an"
                            + " hour ahead (message.timestamp.after.max.ms); generate a past"
                            + " history (an earlier --start or fewer --days)");
        }
        if (speed != null && !(speed > 0 && speed <= 1e9)) {
            throw new UserError("--speed must be a positive number up to 1e9 (got " + speed + ")");
        }
        KafkaEventPublisher publisher = new KafkaEventPublisher(bootstrap, security, topic);
        PublishSummary sent =
                speed == null ? publisher.publish(config) : publisher.publishPaced(config, speed);
        long versions =
                new KafkaEventPublisher(bootstrap, security, usersTopic).publishProfiles(config);
        GenerationSummary n = sent.records();
        spec.commandLine()
                .getOut()
                .println(
                        String.format(
                                Locale.ROOT,
                                "generated %d events (%d late) + %d duplicates + %d malformed"
                                        + " = %d records into '%s' at %s in %.1f s (%.0f"
                                        + " records/s); %d profile versions into '%s'",
                                n.events(),
                                n.late(),
                                n.duplicates(),
                                n.malformed(),
                                n.total(),
                                topic,
                                bootstrap,
                                sent.seconds(),
                                sent.recordsPerSecond(),
                                versions,
                                usersTopic));
    }

    private SchemaDrift drift() {
        if ((drift == null) != (driftFrom == null)) {
            throw new UserError("--drift and --drift-from go together: give both, or neither");
        }
        if (drift == null) {
            return SchemaDrift.NONE;
        }
        Instant from;
        try {
            from =
                    driftFrom.contains("T")
                            ? Instant.parse(driftFrom)
                            : LocalDate.parse(driftFrom).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError(
                    "--drift-from must be a time like 2026-11-02T14:00:00Z or a date (got '"
                            + driftFrom
                            + "')");
        }
        return SchemaDrift.of(SchemaDrift.Kind.parse(drift), from);
    }

    GeneratorConfig config() {
        LocalDate startDate;
        try {
            startDate = LocalDate.parse(start);
        } catch (DateTimeParseException e) {
            throw new UserError("--start must be a date like 2026-11-01 (got '" + start + "')");
        }
        try {
            return GeneratorConfig.builder(events, seed)
                    .users(users)
                    .items(items)
                    .start(startDate)
                    .days(days)
                    .lateFraction(lateFraction)
                    .duplicateFraction(duplicateFraction)
                    .malformedFraction(malformedFraction)
                    .zipf(zipf)
                    .partitions(partitions)
                    .drift(drift())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
