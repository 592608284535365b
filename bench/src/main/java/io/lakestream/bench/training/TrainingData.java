package io.lakestream.bench.training;

import io.lakestream.bench.BenchData;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.RecordKind;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training workload's input: a fifth of the bench's history (2M events at scale 1: the same
 * users, items and hot user {@code u0} with 10 % of the events), its {@code users} changelog, and
 * what a correct run writes, counted from the generator (the oracle): one {@code training_examples}
 * row per impression. Published once per broker, as the bench's own topic.
 */
record TrainingData(
        BenchData.Topic events, String usersTopic, GeneratorConfig config, long impressions) {

    /** Share of the bench's events. */
    static final int FRACTION = 5;

    static TrainingData ensure(String bootstrap, GeneratorConfig base, Path dir) throws Exception {
        GeneratorConfig config =
                base.toBuilder().events(base.events() / FRACTION).seed(base.seed() + 2).build();
        BenchData.Topic events = BenchData.ensure(bootstrap, config, dir, "bench-training");
        String users = "bench-users-" + config.users() + "-" + config.seed();
        Path marker = dir.resolve(users + ".complete");
        if (!Files.exists(marker)) {
            long versions = new KafkaEventPublisher(bootstrap, users).publishProfiles(config);
            Files.writeString(marker, Long.toString(versions));
        }
        return new TrainingData(events, users, config, impressions(config));
    }

    /** Impressions among the events' first deliveries: the rows of {@code training_examples}. */
    static long impressions(GeneratorConfig config) {
        long n = 0;
        EventGenerator g = new EventGenerator(config);
        while (g.hasNext()) {
            GeneratedRecord r = g.next();
            if (r.kind() == RecordKind.VALID
                    && r.event().eventType().equals(GeneratedEvent.IMPRESSION)) {
                n++;
            }
        }
        return n;
    }
}
