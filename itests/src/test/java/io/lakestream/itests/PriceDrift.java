package io.lakestream.itests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The input of the quality ITCases: one day of generated events sent to two topics, one where from
 * {@link #DRIFT_HOUR} on the producer sends prices in cents instead of euros (valid under the data
 * contract, so only a partition rule can see it), one as generated; and the oracle, plain Java over
 * the events as sent: each hour's mean price, and so which hours break {@code mean(price) <= 1000}.
 */
final class PriceDrift {

    static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    static final int DRIFT_HOUR = 14;
    static final double MAX_MEAN = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String driftedTopic;
    final String fixedTopic;

    /** The events as sent to the drifted topic, and as sent to the fixed one. */
    final List<GeneratedEvent> drifted = new ArrayList<>();

    final List<GeneratedEvent> fixed = new ArrayList<>();

    /** Kafka timestamp (arrival) of each event id. */
    final Map<String, Long> arrival = new HashMap<>();

    private PriceDrift(String driftedTopic, String fixedTopic) {
        this.driftedTopic = driftedTopic;
        this.fixedTopic = fixedTopic;
    }

    /** Generates the day, sends it to both topics (created here) and keeps what was sent. */
    static PriceDrift produce(KafkaBrokerExtension kafka, String driftedTopic, String fixedTopic)
            throws Exception {
        PriceDrift data = new PriceDrift(driftedTopic, fixedTopic);
        kafka.createTopic(driftedTopic, 1);
        kafka.createTopic(fixedTopic, 1);
        List<GeneratedRecord> records =
                EventGenerator.generateAll(
                        GeneratorConfig.builder(12_000, 31)
                                .users(300)
                                .items(80)
                                .start(DAY)
                                .days(1)
                                .lateFraction(0.0)
                                .duplicateFraction(0.0)
                                .malformedFraction(0.0)
                                .partitions(1)
                                .build());
        long driftStart = DAY.atTime(DRIFT_HOUR, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        try (TopicWriter d = new TopicWriter(kafka.bootstrapServers(), driftedTopic);
                TopicWriter f = new TopicWriter(kafka.bootstrapServers(), fixedTopic)) {
            for (GeneratedRecord r : records) {
                GeneratedEvent e = r.event();
                data.arrival.put(e.eventId(), r.timestampMillis());
                f.send(0, r.timestampMillis(), r.key(), r.value());
                data.fixed.add(e);
                if (e.price() != null && e.tsMillis() >= driftStart) {
                    BigDecimal cents = BigDecimal.valueOf(e.price()).movePointRight(2);
                    ObjectNode json = (ObjectNode) JSON.readTree(r.value());
                    json.put("price", cents);
                    d.send(0, r.timestampMillis(), r.key(), JSON.writeValueAsBytes(json));
                    data.drifted.add(withPrice(e, cents.doubleValue()));
                } else {
                    d.send(0, r.timestampMillis(), r.key(), r.value());
                    data.drifted.add(e);
                }
            }
        }
        return data;
    }

    static GeneratedEvent withPrice(GeneratedEvent e, double price) {
        return new GeneratedEvent(
                e.eventId(),
                e.userId(),
                e.itemId(),
                e.eventType(),
                e.tsMillis(),
                e.country(),
                e.device(),
                price,
                e.age());
    }

    /** The oracle: each hour's mean price over its purchases (hours without one are absent). */
    static Map<String, Double> hourlyMeanPrice(List<GeneratedEvent> events) {
        Map<String, double[]> sums = new TreeMap<>();
        for (GeneratedEvent e : events) {
            if (e.price() != null) {
                double[] s =
                        sums.computeIfAbsent(
                                GeneratedTruth.hourPartition(e.tsMillis()), k -> new double[2]);
                s[0] += e.price();
                s[1]++;
            }
        }
        Map<String, Double> means = new TreeMap<>();
        sums.forEach((hour, s) -> means.put(hour, s[0] / s[1]));
        return means;
    }

    static TreeSet<String> hours(List<GeneratedEvent> events) {
        return new TreeSet<>(GeneratedTruth.eventsTable(events).keySet());
    }

    /** The hours whose mean price breaks the rule, by the oracle. */
    static TreeSet<String> failingHours(List<GeneratedEvent> events) {
        TreeSet<String> failing = new TreeSet<>();
        hourlyMeanPrice(events)
                .forEach(
                        (h, m) -> {
                            if (m > MAX_MEAN) {
                                failing.add(h);
                            }
                        });
        return failing;
    }

    /** A folder with {@code events.yaml}: {@code mean(price) <= MAX_MEAN} under {@code policy}. */
    static Path expectations(Path work, String policy) throws IOException {
        Path dir = Files.createDirectories(work.resolve("expectations-" + policy));
        Files.writeString(
                dir.resolve("events.yaml"),
                """
                partition-rules:
                  - rule: mean
                    column: price
                    max: %s
                    policy: %s
                  - rule: row_count
                    min: 1
                    policy: warn
                """
                        .formatted((long) MAX_MEAN, policy));
        return dir;
    }

    static Path hourDir(Path lake, String hour) {
        return lake.resolve("events").resolve(hour);
    }

    static TreeSet<String> hoursWith(Path lake, String marker) throws IOException {
        return partitionsWith(lake, "events", marker);
    }

    static TreeSet<String> partitionsWith(Path lake, String tableName, String marker)
            throws IOException {
        TreeSet<String> found = new TreeSet<>();
        Path table = lake.resolve(tableName);
        if (!Files.exists(table)) {
            return found;
        }
        try (var files = Files.walk(table)) {
            files.filter(p -> p.getFileName().toString().equals(marker))
                    .forEach(p -> found.add(table.relativize(p.getParent()).toString()));
        }
        return found;
    }

    static QualityReport report(Path lake, String hour) throws IOException {
        try (InputStream in =
                Files.newInputStream(hourDir(lake, hour).resolve(QualityReport.FILE_NAME))) {
            return QualityReport.read(in);
        }
    }
}
