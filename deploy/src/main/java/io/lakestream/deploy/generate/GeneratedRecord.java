package io.lakestream.deploy.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record as the generator delivers it, with what it is ({@link #kind()}) and, unless it
 * is malformed, the event it carries. The arrays are not copied: do not modify them.
 *
 * @param key the user id, UTF-8
 * @param value the JSON value (for {@link RecordKind#MALFORMED}: whatever breaks the contract)
 * @param timestampMillis the Kafka record timestamp: ingestion time = event time + delivery delay
 * @param malformedKind how the record is broken; {@code null} unless {@code kind == MALFORMED}
 * @param event the ground truth; {@code null} iff {@code kind == MALFORMED}
 */
public record GeneratedRecord(
        byte[] key,
        byte[] value,
        long timestampMillis,
        RecordKind kind,
        MalformedKind malformedKind,
        GeneratedEvent event) {

    public GeneratedRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        if ((kind == RecordKind.MALFORMED) != (malformedKind != null)) {
            throw new IllegalArgumentException("malformedKind is set iff kind is MALFORMED");
        }
        if ((kind == RecordKind.MALFORMED) != (event == null)) {
            throw new IllegalArgumentException("event is null iff kind is MALFORMED");
        }
    }

    /** Delivery delay (ingestion time - event time); only for records that carry an event. */
    public long delayMillis() {
        if (event == null) {
            throw new IllegalStateException("a malformed record has no event time");
        }
        return timestampMillis - event.tsMillis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedRecord r
                && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value)
                && timestampMillis == r.timestampMillis
                && kind == r.kind
                && malformedKind == r.malformedKind
                && Objects.equals(event, r.event);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                Arrays.hashCode(key),
                Arrays.hashCode(value),
                timestampMillis,
                kind,
                malformedKind,
                event);
    }

    @Override
    public String toString() {
        return kind
                + (malformedKind == null ? "" : "/" + malformedKind)
                + "@"
                + timestampMillis
                + " "
                + new String(value, StandardCharsets.UTF_8);
    }
}
