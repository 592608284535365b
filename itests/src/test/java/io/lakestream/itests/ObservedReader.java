package io.lakestream.itests;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * A source reader that delegates everything, counts the records it hands on (also those of
 * split-local outputs, which the Kafka reader uses), tells its {@link SourceProbe} about completed
 * checkpoints, and throws an {@link InjectedFailure} when the probe claims a failure for it. Every
 * method runs on the task's mailbox thread, so its own counters need no synchronisation.
 */
final class ObservedReader<T, S extends SourceSplit> implements SourceReader<T, S> {

    private final SourceReader<T, S> reader;
    private final SourceProbe probe;
    private final int generation;
    private long read;
    private ReaderOutput<T> lastOutput;
    private CountingOutput lastCounting;

    ObservedReader(SourceReader<T, S> reader, SourceProbe probe) {
        this.reader = reader;
        this.probe = probe;
        this.generation = probe.readerStarted();
    }

    /** The failure a probe injects: recognisable in logs and exception histories. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (output != lastOutput) {
            lastOutput = output;
            lastCounting = new CountingOutput(output);
        }
        InputStatus status = reader.pollNext(lastCounting);
        if (probe.claimFailure(generation)) {
            throw new InjectedFailure(
                    "injected task failure "
                            + (generation + 1)
                            + " of probe "
                            + probe.name()
                            + ", "
                            + read
                            + " records into its attempt, "
                            + probe.records()
                            + " in all, latest checkpoint "
                            + probe.latestCheckpoint());
        }
        return status;
    }

    private void onRecord() {
        probe.recordRead();
        read++;
    }

    @Override
    public List<S> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return reader.isAvailable();
    }

    @Override
    public void addSplits(List<S> splits) {
        reader.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        reader.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        reader.handleSourceEvents(event);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        reader.notifyCheckpointComplete(checkpointId);
        probe.checkpointCompleted(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        reader.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
        reader.pauseOrResumeSplits(toPause, toResume);
    }

    @Override
    public void close() throws Exception {
        reader.close();
    }

    /** The reader's output, counting records; split outputs are wrapped the same way. */
    private final class CountingOutput extends CountingSplitOutput implements ReaderOutput<T> {
        private final ReaderOutput<T> reader;
        private final Map<String, SourceOutput<T>> splits = new HashMap<>();

        CountingOutput(ReaderOutput<T> reader) {
            super(reader);
            this.reader = reader;
        }

        @Override
        public SourceOutput<T> createOutputForSplit(String splitId) {
            return splits.computeIfAbsent(
                    splitId, id -> new CountingSplitOutput(reader.createOutputForSplit(id)));
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            splits.remove(splitId);
            reader.releaseOutputForSplit(splitId);
        }
    }

    /** An output that counts the records passing through it. */
    private class CountingSplitOutput implements SourceOutput<T> {
        private final SourceOutput<T> out;

        CountingSplitOutput(SourceOutput<T> out) {
            this.out = out;
        }

        @Override
        public void collect(T record) {
            onRecord();
            out.collect(record);
        }

        @Override
        public void collect(T record, long timestamp) {
            onRecord();
            out.collect(record, timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            out.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            out.markIdle();
        }

        @Override
        public void markActive() {
            out.markActive();
        }
    }
}
