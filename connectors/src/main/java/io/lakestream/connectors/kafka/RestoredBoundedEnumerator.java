package io.lakestream.connectors.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's enumerator restored for a bounded run, which also says "no more splits". Flink's {@link
 * org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumerator} (5.0.0-2.2) signals the
 * end of its splits only after a partition discovery that found new partitions; restored from a
 * savepoint that already assigned every partition, its discovery finds none, so its readers never
 * hear that the splits are complete and a bounded job never ends. This enumerator lists the topic's
 * partitions once at start: if the savepoint covers them all, it signals every reader (after the
 * delegate has handed it its splits); otherwise the delegate assigns the new partitions and signals
 * itself.
 */
final class RestoredBoundedEnumerator
        implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {

    private final SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka;
    private final SplitEnumeratorContext<KafkaPartitionSplit> context;
    private final Set<TopicPartition> restored;
    private final String topic;
    private final Properties admin;
    private boolean complete;

    RestoredBoundedEnumerator(
            SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka,
            SplitEnumeratorContext<KafkaPartitionSplit> context,
            KafkaSourceEnumState state,
            String topic,
            Properties admin) {
        this.kafka = kafka;
        this.context = context;
        this.restored =
                Stream.concat(state.assignedSplits().stream(), state.unassignedSplits().stream())
                        .map(KafkaPartitionSplit::getTopicPartition)
                        .collect(Collectors.toCollection(HashSet::new));
        this.topic = topic;
        this.admin = admin;
    }

    @Override
    public void start() {
        kafka.start();
        context.callAsync(
                this::topicPartitions,
                (partitions, error) -> {
                    if (error != null) {
                        throw new FlinkRuntimeException(
                                "cannot list the partitions of " + topic, error);
                    }
                    if (restored.containsAll(partitions)) {
                        complete = true;
                        context.registeredReaders().keySet().forEach(context::signalNoMoreSplits);
                    }
                });
    }

    private Set<TopicPartition> topicPartitions() throws Exception {
        try (Admin client = Admin.create(admin)) {
            return client
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toSet());
        }
    }

    @Override
    public void addReader(int subtaskId) {
        kafka.addReader(subtaskId);
        if (complete) {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        kafka.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
        kafka.addSplitsBack(splits, subtaskId);
    }

    @Override
    public KafkaSourceEnumState snapshotState(long checkpointId) throws Exception {
        return kafka.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        kafka.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        kafka.handleSourceEvent(subtaskId, sourceEvent);
    }

    @Override
    public void close() throws java.io.IOException {
        kafka.close();
    }
}
