package io.lakestream.pipelines.model;

/**
 * A record that broke the data contract, kept whole with its provenance and the reason, for the
 * {@code _quarantine} table: nothing read is ever lost.
 */
public class QuarantineRecord {
    /**
     * The payload as UTF-8 text, or base64 when it is not valid UTF-8 (see {@link #rawEncoding}).
     */
    public String raw;

    /** {@code utf8} or {@code base64}. */
    public String rawEncoding;

    public String topic;
    public int partition;
    public long offset;

    /** Kafka record timestamp (ingestion time), epoch ms: decides the quarantine partition. */
    public long arrival;

    /** {@code <code>: <detail>}, e.g. {@code missing_field: user_id}. */
    public String reason;

    public QuarantineRecord() {}
}
