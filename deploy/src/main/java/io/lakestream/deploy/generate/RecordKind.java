package io.lakestream.deploy.generate;

/**
 * What a generated Kafka record is, so that tests can compute their expected output from the
 * generator's ground truth instead of from the code under test.
 */
public enum RecordKind {
    /** The first (or only) delivery of an event, within the out-of-order bound. */
    VALID,
    /** A byte-identical extra delivery of a {@link #VALID} event, also within the bound. */
    DUPLICATE,
    /** An event delivered hours after its event time: late for any sane watermark delay. */
    LATE,
    /** A record that breaks the data contract and must be quarantined. */
    MALFORMED
}
