package io.lakestream.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.pipelines.tables.EventsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The practical limit: what an engineer would write by hand instead of a Flink job — one thread, a
 * KafkaConsumer, Jackson, the data contract's checks, a set of seen event ids per date, and a
 * parquet-java writer per {@code date=/hour=} partition with the lake's columns, codec and
 * encodings. No checkpoints, no exactly-once, no late-data routing, no manifests: a floor for the
 * work itself.
 */
final class HandWrittenIngestPeer {

    private static final Set<String> TYPES = Set.of("impression", "click", "purchase");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final String bootstrap;
    private final String topic;

    HandWrittenIngestPeer(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** Reads the topic into Parquet under {@code out}; returns the rows written. */
    long run(Path out) throws IOException {
        Schema schema = new EventsTable().schema();
        Map<String, ParquetWriter<GenericRecord>> writers = new TreeMap<>();
        Map<Long, Set<String>> seenByDate = new HashMap<>();
        GenericRecord row = new GenericData.Record(schema);
        long rows = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaReadPeer.open(bootstrap)) {
            List<TopicPartition> partitions = TopicEnd.partitions(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!TopicEnd.reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r :
                        consumer.poll(java.time.Duration.ofMillis(500))) {
                    if (!parse(r.value(), row)) {
                        continue; // a real loop would keep it somewhere; this one counts work
                    }
                    long ts = (Long) row.get(4);
                    long date = Math.floorDiv(ts, 86_400_000L);
                    if (!seenByDate
                            .computeIfAbsent(date, d -> new HashSet<>())
                            .add((String) row.get(0))) {
                        continue;
                    }
                    writer(writers, out, schema, ts).write(row);
                    rows++;
                }
            }
        } finally {
            for (ParquetWriter<GenericRecord> w : writers.values()) {
                w.close();
            }
        }
        return rows;
    }

    /** The data contract's checks; fills {@code row}, false for a record that breaks one. */
    private static boolean parse(byte[] value, GenericRecord row) {
        JsonNode e;
        try {
            e = JSON.readTree(value);
        } catch (IOException ex) {
            return false;
        }
        if (e == null || !e.isObject()) {
            return false;
        }
        JsonNode id = e.get("event_id");
        JsonNode user = e.get("user_id");
        JsonNode item = e.get("item_id");
        JsonNode type = e.get("event_type");
        JsonNode ts = e.get("ts");
        if (!text(id) || !text(user) || !text(item) || !text(type) || !text(ts)) {
            return false;
        }
        if (!TYPES.contains(type.asText())) {
            return false;
        }
        long millis;
        try {
            millis = Instant.parse(ts.asText()).toEpochMilli();
        } catch (DateTimeParseException ex) {
            return false;
        }
        JsonNode price = e.get("price");
        boolean purchase = type.asText().equals("purchase");
        if (purchase != (price != null && !price.isNull())) {
            return false;
        }
        if (purchase && (!price.isNumber() || price.asDouble() < 0)) {
            return false;
        }
        JsonNode age = e.get("age");
        if (age != null
                && !age.isNull()
                && (!age.isInt() || age.asInt() < 0 || age.asInt() > 120)) {
            return false;
        }
        JsonNode country = e.get("country");
        if (country != null && !country.isNull() && !COUNTRY.matcher(country.asText()).matches()) {
            return false;
        }
        JsonNode device = e.get("device");
        row.put(0, id.asText());
        row.put(1, user.asText());
        row.put(2, item.asText());
        row.put(3, type.asText());
        row.put(4, millis);
        row.put(5, country == null || country.isNull() ? null : country.asText());
        row.put(6, device == null || device.isNull() ? null : device.asText());
        row.put(7, purchase ? price.asDouble() : null);
        row.put(8, age == null || age.isNull() ? null : age.asInt());
        return true;
    }

    private static boolean text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isEmpty();
    }

    private static ParquetWriter<GenericRecord> writer(
            Map<String, ParquetWriter<GenericRecord>> writers, Path out, Schema schema, long ts) {
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC);
        String partition = String.format("date=%s/hour=%02d", t.toLocalDate(), t.getHour());
        return writers.computeIfAbsent(
                partition,
                p -> {
                    try {
                        Path dir = Files.createDirectories(out.resolve(p));
                        AvroParquetWriter.Builder<GenericRecord> b =
                                AvroParquetWriter.<GenericRecord>builder(
                                                new LocalOutputFile(dir.resolve("part-0.parquet")))
                                        .withSchema(schema)
                                        .withCompressionCodec(CompressionCodecName.SNAPPY);
                        // the lake's encodings too: its id columns without a dictionary
                        for (String column : new EventsTable().columnsWithoutDictionary()) {
                            b.withDictionaryEncoding(column, false);
                        }
                        return b.build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
