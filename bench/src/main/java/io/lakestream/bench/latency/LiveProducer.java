package io.lakestream.bench.latency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A live source: valid events whose event time is the moment they are produced, at a steady rate
 * for a while, with ids {@code l-<run>-<n>} numbered from 0 so that a reader of the lake can tell
 * each one's produce time (its {@code event_time}) and whether it has seen it before.
 */
final class LiveProducer {

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] TYPES = {"impression", "impression", "impression", "click"};

    private final String bootstrap;
    private final String topic;
    private final String run;

    LiveProducer(String bootstrap, String topic, String run) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.run = run;
    }

    /** The id of event {@code n} of this run. */
    String id(long n) {
        return "l-" + run + "-" + n;
    }

    /** The number of an id of this run, or -1 for another's. */
    long number(String id) {
        String prefix = "l-" + run + "-";
        return id.startsWith(prefix) ? Long.parseLong(id.substring(prefix.length())) : -1;
    }

    /**
     * Sends {@code rate} events per second for {@code duration} (event n is due at n / rate s; the
     * producer waits for it, or catches up if it is behind) and waits for every ack; returns how
     * many it sent.
     */
    long publish(double rate, Duration duration) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a live source sends small batches often; lingering would add to the latency measured
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        SplittableRandom rnd = new SplittableRandom(42);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long events = (long) (rate * duration.toMillis() / 1000.0);
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long n = 0; n < events && failure.get() == null; n++) {
                long due = t0 + (long) (n * 1e9 / rate);
                for (long wait = due - System.nanoTime();
                        wait > 0;
                        wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                String user = "u" + rnd.nextInt(100_000);
                String json =
                        "{\"event_id\":\""
                                + id(n)
                                + "\",\"user_id\":\""
                                + user
                                + "\",\"item_id\":\"i"
                                + rnd.nextInt(10_000)
                                + "\",\"event_type\":\""
                                + TYPES[rnd.nextInt(TYPES.length)]
                                + "\",\"ts\":\""
                                + TS.format(Instant.now())
                                + "\"}";
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                user.getBytes(StandardCharsets.UTF_8),
                                json.getBytes(StandardCharsets.UTF_8)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "producing to " + topic + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
        return events;
    }
}
