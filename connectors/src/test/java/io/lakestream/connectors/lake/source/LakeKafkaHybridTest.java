package io.lakestream.connectors.lake.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.kafka.KafkaRecordDecoder;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.PartitionScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Kafka part of a lake-then-Kafka read starts and stops; no broker is contacted. */
class LakeKafkaHybridTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    @TempDir Path lake;

    @Test
    void startsAtTheLakesNextOffsetsThenTheFallbackClampedToTheEnd() {
        Map<TopicPartition, Long> start =
                LakeKafkaHybrid.startOffsets(
                        "events",
                        Map.of(0, 31L, 1, 10L, 2, 500L),
                        Map.of(0, 0L, 1, 0L, 2, 0L, 3, 40L),
                        Map.of(0, 100L, 1, 100L, 2, 100L, 3, 100L));
        assertThat(start)
                .containsExactly(
                        Map.entry(new TopicPartition("events", 0), 31L),
                        Map.entry(new TopicPartition("events", 1), 10L),
                        Map.entry(new TopicPartition("events", 2), 100L), // lake is past the end
                        Map.entry(new TopicPartition("events", 3), 40L)); // not in the lake

        assertThatThrownBy(
                        () ->
                                LakeKafkaHybrid.startOffsets(
                                        "events", Map.of(0, 1L, 5, 2L), Map.of(), Map.of(0, 9L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5]");
    }

    @Test
    void buildsABoundedOrUnboundedHybridFromAScan() throws IOException {
        commit("0:[10,20],1:[5,7]");
        LakeScan scan =
                LakeScanner.of(lake.toString()).scan("events", PartitionScheme.DATE_HOUR, DAY, DAY);
        var lakeSource =
                LakeSource.of(scan, (r, p) -> r.get("id").toString(), Types.STRING).build();

        LakeKafkaHybrid.Builder<String> bounded =
                LakeKafkaHybrid.builder(scan, lakeSource)
                        .kafka("localhost:1", "events", new Decoder())
                        .fallbackStartOffsets(Map.of(new TopicPartition("events", 2), 3L))
                        .endOffsets(
                                Map.of(
                                        new TopicPartition("events", 0), 50L,
                                        new TopicPartition("events", 1), 50L,
                                        new TopicPartition("events", 2), 50L));
        assertThat(bounded.startOffsets())
                .containsExactly(
                        Map.entry(new TopicPartition("events", 0), 21L),
                        Map.entry(new TopicPartition("events", 1), 8L),
                        Map.entry(new TopicPartition("events", 2), 3L));
        HybridSource<String> source = bounded.build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);

        HybridSource<String> stream =
                LakeKafkaHybrid.builder(scan, lakeSource)
                        .kafka("localhost:1", "events", new Decoder())
                        .build();
        assertThat(stream.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);

        assertThatThrownBy(
                        () ->
                                LakeKafkaHybrid.builder(scan, lakeSource)
                                        .kafka("localhost:1", "other", new Decoder())
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read from topic [events], not 'other'");
    }

    private void commit(String offsets) throws IOException {
        Path dir = Files.createDirectories(lake.resolve("events/date=" + DAY + "/hour=03"));
        Files.writeString(dir.resolve("a.parquet"), "x");
        PartitionManifest m = new PartitionManifest();
        m.files.add(new PartitionManifest.FileEntry("a.parquet", 1, 1, "0000000000000000"));
        m.rows = 1;
        m.source.put(PartitionManifest.SOURCE_TOPIC, "events");
        m.source.put(PartitionManifest.SOURCE_ROW_OFFSETS, offsets);
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());
        Files.createFile(dir.resolve(PartitionManifest.SUCCESS_FILE));
    }

    private static final class Decoder implements KafkaRecordDecoder<String> {
        @Override
        public String decode(ConsumerRecord<byte[], byte[]> record) {
            return new String(record.value());
        }

        @Override
        public TypeInformation<String> producedType() {
            return Types.STRING;
        }
    }
}
