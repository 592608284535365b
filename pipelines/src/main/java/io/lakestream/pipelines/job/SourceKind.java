package io.lakestream.pipelines.job;

import java.util.Locale;

/** Where a run reads its events ({@code --source}). */
public enum SourceKind {
    /** The Kafka topic: a stream, or a replay over the backfill's ingestion window. */
    KAFKA("kafka"),
    /** The lake's {@code events} and {@code _late_events} partitions of the backfill's dates. */
    LAKE("lake"),
    /** The lake's partitions, then the topic from the lake's last committed offsets. */
    LAKE_KAFKA("lake+kafka");

    private final String label;

    SourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean readsLake() {
        return this != KAFKA;
    }

    /** The kind of a {@code --source} value; an unknown one fails with the known ones. */
    public static SourceKind parse(String value) {
        for (SourceKind k : values()) {
            if (k.label.equals(value.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "--source must be kafka, lake or lake+kafka, was '" + value + "'");
    }
}
