package io.lakestream.itests;

import java.util.Set;
import org.apache.flink.api.common.watermark.WatermarkDeclaration;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimitedSourceReader;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The job's own source (the Kafka source the pipeline built), unchanged but for its readers, which
 * report to a {@link SourceProbe} and throw when the probe's schedule says so: a task failure in
 * the real pipeline, without a test hook in production code. Enumerator, splits and their
 * serialisers are the wrapped source's, so checkpoints and restores are exactly the real ones.
 *
 * <p>Optionally the readers are paced with Flink's own {@link RateLimitedSourceReader}: a stream
 * then arrives as a live one does instead of as a backlog that keeps the job back-pressured (where
 * aligned checkpoints wait behind full buffers and a failure rarely finds a recent one).
 */
final class ObservedSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> source;
    private final String probe;
    private final double recordsPerSecond;

    private ObservedSource(Source<T, S, E> source, String probe, double recordsPerSecond) {
        this.source = source;
        this.probe = probe;
        this.recordsPerSecond = recordsPerSecond;
    }

    /** {@code source} reporting to {@code probe}, at most {@code recordsPerSecond} (0: as read). */
    static <T, S extends SourceSplit, E> ObservedSource<T, S, E> wrap(
            Source<T, S, E> source, String probe, double recordsPerSecond) {
        return new ObservedSource<>(source, probe, recordsPerSecond);
    }

    @Override
    public Boundedness getBoundedness() {
        return source.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return source.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return source.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return source.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return source.getEnumeratorCheckpointSerializer();
    }

    @Override
    public Set<? extends WatermarkDeclaration> declareWatermarks() {
        return source.declareWatermarks();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        SourceReader<T, S> reader = source.createReader(context);
        if (recordsPerSecond > 0) {
            RateLimiterStrategy<S> pace = RateLimiterStrategy.perSecond(recordsPerSecond);
            reader =
                    new RateLimitedSourceReader<>(
                            reader, pace.createRateLimiter(context.currentParallelism()));
        }
        return new ObservedReader<>(reader, SourceProbe.named(probe));
    }
}
