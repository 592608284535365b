package io.lakestream.connectors.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A {@code --until latest} stream's Kafka source that also stops the splits it restores. Flink's
 * {@link KafkaSource} keeps each split's stopping offset in the reader's state, so the splits of a
 * savepoint taken by an unbounded stream have none, and a bounded job restored from it would never
 * end. This source gives such a split the stopping offset {@link
 * KafkaPartitionSplit#LATEST_OFFSET}, resolved when the reader takes the split: the end offsets
 * seen at (re)start, as for a first start. The state (splits, enumerator) is {@link KafkaSource}'s
 * own, so savepoints move freely between bounded and unbounded runs of the same operator.
 */
final class StopAtLatestSource<T>
        implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final KafkaSource<T> kafka;
    private final String topic;
    private final Properties admin;

    /**
     * @param topic the source's one topic
     * @param admin Kafka client properties to list its partitions with (bootstrap, security)
     */
    StopAtLatestSource(KafkaSource<T> kafka, String topic, Properties admin) {
        if (kafka.getBoundedness() != Boundedness.BOUNDED) {
            throw new IllegalArgumentException("a stop-at-latest source must be bounded");
        }
        this.kafka = kafka;
        this.topic = topic;
        this.admin = admin;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new Reader<>(kafka.createReader(context));
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state)
            throws Exception {
        return new RestoredBoundedEnumerator(
                kafka.restoreEnumerator(context, state), context, state, topic, admin);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return kafka.getProducedType();
    }

    /** The split with a stopping offset: its own, or the end offset when the reader takes it. */
    static KafkaPartitionSplit stopping(KafkaPartitionSplit split) {
        if (split.getStoppingOffset().isPresent()) {
            return split;
        }
        return new KafkaPartitionSplit(
                split.getTopicPartition(),
                split.getStartingOffset(),
                KafkaPartitionSplit.LATEST_OFFSET);
    }

    /** Kafka's reader, handed splits that stop. */
    private static final class Reader<T> implements SourceReader<T, KafkaPartitionSplit> {

        private final SourceReader<T, KafkaPartitionSplit> kafka;

        Reader(SourceReader<T, KafkaPartitionSplit> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void addSplits(List<KafkaPartitionSplit> splits) {
            kafka.addSplits(splits.stream().map(StopAtLatestSource::stopping).toList());
        }

        @Override
        public void start() {
            kafka.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            return kafka.pollNext(output);
        }

        @Override
        public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
            return kafka.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return kafka.isAvailable();
        }

        @Override
        public void notifyNoMoreSplits() {
            kafka.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            kafka.handleSourceEvents(event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            kafka.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            kafka.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> pause, Collection<String> resume) {
            kafka.pauseOrResumeSplits(pause, resume);
        }

        @Override
        public void close() throws Exception {
            kafka.close();
        }
    }
}
