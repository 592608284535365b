package io.lakestream.bench;

import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.PublishSummary;
import io.lakestream.deploy.kafka.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The benchmark's input: a generated history in a topic named after its size, generated once per
 * broker data dir and reused by later runs (a marker file records that it was published whole; a
 * topic without one is deleted and generated again).
 */
public final class BenchData {

    private BenchData() {}

    /** The topic holding {@code data}; {@code published} is null when it was reused. */
    public record Topic(String name, PublishSummary published) {}

    public static Topic ensure(String bootstrap, GeneratorConfig data, Path dir) throws Exception {
        return ensure(bootstrap, data, dir, "bench-events");
    }

    /**
     * As {@link #ensure(String, GeneratorConfig, Path)}, into a topic named {@code prefix-<events>-
     * <seed>}: a workload with data of its own (other users, say) names it apart.
     */
    public static Topic ensure(String bootstrap, GeneratorConfig data, Path dir, String prefix)
            throws Exception {
        String topic = prefix + "-" + data.events() + "-" + data.seed();
        Path marker = dir.resolve(topic + ".complete");
        if (Files.exists(marker)) {
            return new Topic(topic, null);
        }
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
        KafkaTopics.ensure(bootstrap, topic, data.partitions());
        System.out.printf("generating %,d events into %s ...%n", data.events(), topic);
        PublishSummary published = new KafkaEventPublisher(bootstrap, topic).publish(data);
        System.out.printf(
                "generated %,d records in %.1f s (%,.0f records/s)%n",
                published.records().total(), published.seconds(), published.recordsPerSecond());
        Files.createDirectories(dir);
        Files.writeString(marker, published.records().toString());
        return new Topic(topic, published);
    }
}
