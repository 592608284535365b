package io.lakestream.connectors.lake.quality;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.SerializedThrowable;

/**
 * The circuit breaker: a {@code fail-job} rule failed on a partition about to be published. Thrown
 * instead of publishing it, so neither it nor any later partition of the table is published (a
 * backfill swaps nothing in). Marked non-recoverable: the breach is a property of the data, and a
 * restart would write the same partition and trip again. Its message is the one line the command
 * line prints.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class QualityBreachException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String partition;

    public QualityBreachException(
            String table, String partition, String failures, String source, String report) {
        super(
                "stopped by a data-quality breaker: "
                        + table
                        + "/"
                        + partition
                        + " failed "
                        + failures
                        + " [rules: "
                        + source
                        + "]. Nothing of this partition or later ones was published; fix the"
                        + " input (or the rule) and run again. Report: "
                        + report);
        this.table = table;
        this.partition = partition;
    }

    public String table() {
        return table;
    }

    public String partition() {
        return partition;
    }

    /**
     * The first exception of this type in the cause chain of {@code t}, or null; also when it came
     * from a cluster as a {@link SerializedThrowable} (a job followed through the REST API).
     */
    public static QualityBreachException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SerializedThrowable serialized
                    && QualityBreachException.class
                            .getName()
                            .equals(serialized.getOriginalErrorClassName())) {
                c = serialized.deserializeError(QualityBreachException.class.getClassLoader());
            }
            if (c instanceof QualityBreachException q) {
                return q;
            }
        }
        return null;
    }
}
