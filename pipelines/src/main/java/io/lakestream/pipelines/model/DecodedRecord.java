package io.lakestream.pipelines.model;

/**
 * What the decoder made of one Kafka record: exactly one of {@link #event} (valid) or {@link
 * #quarantine} (broke the contract) is set.
 */
public class DecodedRecord {
    public Event event;
    public QuarantineRecord quarantine;

    public DecodedRecord() {}

    public static DecodedRecord valid(Event e) {
        DecodedRecord r = new DecodedRecord();
        r.event = e;
        return r;
    }

    public static DecodedRecord invalid(QuarantineRecord q) {
        DecodedRecord r = new DecodedRecord();
        r.quarantine = q;
        return r;
    }

    public boolean isValid() {
        return event != null;
    }
}
