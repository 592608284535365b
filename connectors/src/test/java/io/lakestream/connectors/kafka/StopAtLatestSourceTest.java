package io.lakestream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A split restored from an unbounded stream's savepoint stops at the latest offset. */
class StopAtLatestSourceTest {

    private static final TopicPartition TP = new TopicPartition("events", 1);

    @Test
    void aSplitWithoutStoppingOffsetStopsAtTheLatest() {
        KafkaPartitionSplit restored = new KafkaPartitionSplit(TP, 42);
        KafkaPartitionSplit stopping = StopAtLatestSource.stopping(restored);
        assertThat(stopping.getTopicPartition()).isEqualTo(TP);
        assertThat(stopping.getStartingOffset()).isEqualTo(42);
        assertThat(stopping.getStoppingOffset()).contains(KafkaPartitionSplit.LATEST_OFFSET);
    }

    @Test
    void aSplitThatStopsKeepsItsStoppingOffset() {
        KafkaPartitionSplit split = new KafkaPartitionSplit(TP, 42, 100);
        assertThat(StopAtLatestSource.stopping(split)).isSameAs(split);
    }

    @Test
    void theSourceIsBoundedAndRefusesAnUnboundedKafkaSource() {
        KafkaSource<String> unbounded =
                KafkaSource.<String>builder()
                        .setBootstrapServers("127.0.0.1:9")
                        .setTopics("events")
                        .setValueOnlyDeserializer(
                                new org.apache.flink.api.common.serialization.SimpleStringSchema())
                        .build();
        assertThatThrownBy(() -> new StopAtLatestSource<>(unbounded, "events", new Properties()))
                .isInstanceOf(IllegalArgumentException.class);
        KafkaSource<String> bounded =
                KafkaSource.<String>builder()
                        .setBootstrapServers("127.0.0.1:9")
                        .setTopics("events")
                        .setBounded(OffsetsInitializer.latest())
                        .setValueOnlyDeserializer(
                                new org.apache.flink.api.common.serialization.SimpleStringSchema())
                        .build();
        assertThat(new StopAtLatestSource<>(bounded, "events", new Properties()).getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
    }
}
