package io.lakestream.itests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.RecordKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A producer whose clock runs behind: its records' event times ({@code ts}) and Kafka timestamps
 * lag the true ones by {@code skew}. The rewritten record carries the shifted event as its ground
 * truth, so the oracle follows.
 */
final class SkewedProducer {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final long skewMillis;

    SkewedProducer(Duration skew) {
        this.skewMillis = skew.toMillis();
    }

    /**
     * {@code r} as this producer would have sent it; a malformed record only gets the timestamp.
     */
    GeneratedRecord skew(GeneratedRecord r) {
        if (r.kind() == RecordKind.MALFORMED) {
            return new GeneratedRecord(
                    r.key(),
                    r.value(),
                    r.timestampMillis() - skewMillis,
                    r.kind(),
                    r.malformedKind(),
                    null);
        }
        GeneratedEvent e = r.event();
        long ts = e.tsMillis() - skewMillis;
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(r.value());
            json.put("ts", TS.format(Instant.ofEpochMilli(ts)));
            return new GeneratedRecord(
                    r.key(),
                    JSON.writeValueAsBytes(json),
                    r.timestampMillis() - skewMillis,
                    r.kind(),
                    null,
                    new GeneratedEvent(
                            e.eventId(),
                            e.userId(),
                            e.itemId(),
                            e.eventType(),
                            ts,
                            e.country(),
                            e.device(),
                            e.price(),
                            e.age()));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
