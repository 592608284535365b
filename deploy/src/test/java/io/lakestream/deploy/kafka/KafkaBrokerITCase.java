package io.lakestream.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** key, value and record timestamp: what a replay depends on. */
    record Rec(String key, String value, long timestamp) {}

    @Test
    void topicsKeepRecordsWithOldTimestamps() throws Exception {
        String topic = "history-" + UUID.randomUUID();
        KAFKA.createTopic(topic, 3);

        assertThat(topicConfig(topic).get("retention.ms").value()).isEqualTo("-1");

        long monthAgo = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
        List<Rec> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(new Rec("user-" + (i % 37), "{\"n\":" + i + "}", monthAgo + i * 1_000L));
        }
        sent.add(sent.get(0)); // a duplicate must come back twice
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            for (Rec r : sent) {
                producer.send(new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value()));
            }
        }

        assertThat(readAll(topic, sent.size(), "read_uncommitted"))
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void transactionalProducerCommitsAndAborts() throws Exception {
        String topic = "tx-" + UUID.randomUUID();
        KAFKA.createTopic(topic, 2);
        Properties props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);
        long ts = Instant.now().toEpochMilli();
        List<Rec> committed = new ArrayList<>();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 20; i++) {
                Rec r = new Rec("k" + i, "committed-" + i, ts);
                committed.add(r);
                producer.send(new ProducerRecord<>(topic, null, ts, r.key(), r.value()));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, null, ts, "k" + i, "aborted-" + i));
            }
            producer.abortTransaction();
            // a last committed record marks the end: everything before it has been decided
            producer.beginTransaction();
            Rec end = new Rec("end", "end", ts);
            committed.add(end);
            producer.send(new ProducerRecord<>(topic, null, ts, end.key(), end.value()));
            producer.commitTransaction();
        }

        assertThat(readAll(topic, committed.size(), "read_committed"))
                .containsExactlyInAnyOrderElementsOf(committed);
    }

    @Test
    void stopsAndReportsNotRunning(@TempDir Path dir) {
        KafkaBroker broker = KafkaBroker.at(dir).port(0).start();
        try {
            KafkaBroker.Status running = KafkaBroker.status(dir);
            assertThat(running.running()).isTrue();
            assertThat(running.answering()).isTrue();
            assertThat(running.pid()).isEqualTo(broker.pid());
            assertThat(running.port()).isEqualTo(broker.port());

            KafkaBroker again = KafkaBroker.at(dir).port(broker.port()).start();
            assertThat(again.wasAlreadyRunning()).isTrue();
            assertThat(again.pid()).isEqualTo(broker.pid());

            assertThatThrownBy(() -> KafkaBroker.at(dir).port(broker.port() == 1 ? 2 : 1).start())
                    .isInstanceOf(KafkaBrokerException.class)
                    .hasMessageContaining("already running on port " + broker.port());
            assertThatThrownBy(
                            () -> KafkaBroker.at(dir.resolve("other")).port(broker.port()).start())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("127.0.0.1:" + broker.port() + " is already in use");
        } finally {
            broker.stop();
        }

        assertThat(broker.isAlive()).isFalse();
        KafkaBroker.Status stopped = KafkaBroker.status(dir);
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.answering()).isFalse();
        assertThat(KafkaBroker.find(dir)).isEmpty();
        assertThat(dir.resolve("broker.pid")).doesNotExist();
        assertThat(Files.exists(dir.resolve("broker.log"))).isTrue();
    }

    private static Config topicConfig(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource);
        }
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** Reads the topic from the start until {@code expected} records arrived (30 s at most). */
    private static List<Rec> readAll(String topic, int expected, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Rec> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    received.add(new Rec(r.key(), r.value(), r.timestamp()));
                }
            }
            // one more poll: records beyond the expected count would show up here
            consumer.poll(Duration.ofMillis(500))
                    .forEach(r -> received.add(new Rec(r.key(), r.value(), r.timestamp())));
        }
        return received;
    }
}
