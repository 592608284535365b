package io.lakestream.pipelines.job;

/** A live stream from Kafka, or a bounded backfill of a date range in BATCH mode. */
public enum RunMode {
    STREAM,
    BACKFILL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
