package io.lakestream.pipelines.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lakestream.connectors.kafka.KafkaRecordDecoder;
import io.lakestream.connectors.lake.quality.RecordRules;
import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.QuarantineRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes one record of the {@code events} topic against the data contract. Never throws: a record
 * that is not UTF-8, not a JSON object, lacks a required field, has a wrong type or breaks a rule
 * becomes a {@link QuarantineRecord} with a reason ({@code <code>: <detail>}, codes in {@link
 * Reason}). Unknown fields are ignored. Uses Jackson's streaming parser: no tree per record.
 */
public final class EventDecoder implements KafkaRecordDecoder<DecodedRecord> {

    private static final long serialVersionUID = 1L;

    private final RecordRules recordRules;

    /** Decodes against the data contract only. */
    public EventDecoder() {
        this(RecordRules.none());
    }

    /**
     * Decodes against the data contract, then against the user's record rules ({@code record-rules}
     * of {@code expectations/events.yaml}): a record that breaks one is quarantined with the rule's
     * name as its reason ({@code expectation: <rule>: <why>}).
     */
    public EventDecoder(RecordRules recordRules) {
        this.recordRules = recordRules;
    }

    @Override
    public DecodedRecord decode(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        Event event = new Event();
        event.kafkaPartition = record.partition();
        event.kafkaOffset = record.offset();
        event.arrival = record.timestamp();
        String reason = decode(value, event);
        if (reason == null && !recordRules.isEmpty()) {
            reason = RecordRuleCheck.check(recordRules, event, value);
        }
        if (reason == null) {
            return DecodedRecord.valid(event);
        }
        return DecodedRecord.invalid(quarantine(record, value, reason));
    }

    /** Fills {@code event} from {@code value}; returns null if valid, else the reason. */
    static String decode(byte[] value, Event event) {
        event.ts = Timestamps.ABSENT;
        String broken = JsonPayload.read(value, p -> readFields(p, event));
        if (broken != null) {
            return broken;
        }
        return EventRules.check(event);
    }

    private static String readFields(JsonParser p, Event e) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                continue; // a null is an absent field
            }
            String bad = null;
            switch (name) {
                case "event_id":
                    bad = (e.eventId = text(p, v)) == null ? badType(name, "a string") : null;
                    break;
                case "user_id":
                    bad = (e.userId = text(p, v)) == null ? badType(name, "a string") : null;
                    break;
                case "item_id":
                    bad = (e.itemId = text(p, v)) == null ? badType(name, "a string") : null;
                    break;
                case "event_type":
                    bad = (e.eventType = text(p, v)) == null ? badType(name, "a string") : null;
                    break;
                case "country":
                    bad = (e.country = text(p, v)) == null ? badType(name, "a string") : null;
                    break;
                case "device":
                    bad = (e.device = text(p, v)) == null ? badType(name, "a string") : null;
                    break;
                case "ts":
                    String ts = text(p, v);
                    if (ts == null) {
                        bad = badType(name, "an ISO-8601 string");
                    } else {
                        long millis = Timestamps.parse(ts);
                        if (millis == Timestamps.INVALID) {
                            bad =
                                    Reason.BAD_TIMESTAMP
                                            + ": ts must be ISO-8601 UTC with milliseconds, e.g."
                                            + " 2026-11-20T10:15:30.123Z";
                        }
                        e.ts = millis;
                    }
                    break;
                case "price":
                    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        e.price = p.getDoubleValue();
                    } else {
                        bad = badType(name, "a number");
                    }
                    break;
                case "age":
                    if (v == JsonToken.VALUE_NUMBER_INT
                            && p.getNumberType() == JsonParser.NumberType.INT) {
                        e.age = p.getIntValue();
                    } else if (v == JsonToken.VALUE_NUMBER_INT) {
                        bad = Reason.OUT_OF_RANGE + ": age must be 0..120";
                    } else {
                        bad = badType(name, "an integer");
                    }
                    break;
                default:
                    p.skipChildren(); // unknown fields are ignored
            }
            if (bad != null) {
                return bad;
            }
        }
        if (t != JsonToken.END_OBJECT) {
            return Reason.INVALID_JSON + ": unexpected " + t;
        }
        return null;
    }

    private static String text(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static String badType(String field, String expected) {
        return Reason.BAD_TYPE + ": " + field + " must be " + expected;
    }

    static QuarantineRecord quarantine(
            ConsumerRecord<byte[], byte[]> record, byte[] value, String reason) {
        QuarantineRecord q = new QuarantineRecord();
        q.topic = record.topic();
        q.partition = record.partition();
        q.offset = record.offset();
        q.arrival = record.timestamp();
        q.reason = reason;
        if (value == null) {
            q.raw = "";
            q.rawEncoding = "utf8";
        } else if (Utf8.isValid(value)) {
            q.raw = new String(value, java.nio.charset.StandardCharsets.UTF_8);
            q.rawEncoding = "utf8";
        } else {
            q.raw = java.util.Base64.getEncoder().encodeToString(value);
            q.rawEncoding = "base64";
        }
        return q;
    }

    @Override
    public TypeInformation<DecodedRecord> producedType() {
        return TypeInformation.of(DecodedRecord.class);
    }
}
