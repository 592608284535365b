package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.QuarantineRecord;
import java.util.Locale;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.SerializedThrowable;

/**
 * Thrown by the router when the quarantine rate crosses its limit; names the record that crossed
 * it. Marked non-recoverable: the breach is a property of the input, so a restart from the last
 * checkpoint would replay the same records into the same breach — Flink fails the job at once
 * instead of working through its restart attempts (docs/decisions/0013). Its message is the one
 * line the command line prints.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class QuarantineRateExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;
    private final long offset;

    QuarantineRateExceededException(
            QuarantineRecord crossing, long quarantined, long records, QuarantineRateLimit limit) {
        super(
                String.format(
                        Locale.ROOT,
                        "stopped: %d of the last %d records were quarantined, above"
                                + " --max-quarantine-rate %s over --quarantine-window %d; the"
                                + " record that crossed the limit is topic %s partition %d"
                                + " offset %d (%s). Nothing after the last checkpoint was"
                                + " published: fix the producer, or raise the limit, and run"
                                + " again (see the _quarantine table)",
                        quarantined,
                        records,
                        QuarantineRateLimit.rate(limit.maxRate()),
                        limit.window(),
                        crossing.topic,
                        crossing.partition,
                        crossing.offset,
                        crossing.reason));
        this.topic = crossing.topic;
        this.partition = crossing.partition;
        this.offset = crossing.offset;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /**
     * The first exception of this type in the cause chain of {@code t}, or null; also when it came
     * from a cluster as a {@link SerializedThrowable} (a job followed through the REST API).
     */
    public static QuarantineRateExceededException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SerializedThrowable serialized
                    && QuarantineRateExceededException.class
                            .getName()
                            .equals(serialized.getOriginalErrorClassName())) {
                c =
                        serialized.deserializeError(
                                QuarantineRateExceededException.class.getClassLoader());
            }
            if (c instanceof QuarantineRateExceededException q) {
                return q;
            }
        }
        return null;
    }
}
