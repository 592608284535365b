package io.lakestream.pipelines.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lakestream.connectors.kafka.KafkaRecordDecoder;
import io.lakestream.pipelines.model.ProfileVersion;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes one record of the {@code users} changelog topic: {@code {user_id, ts, country, age,
 * tier}} (user_id and ts required, the rest optional; age 0..120). Never throws: a record that
 * breaks the contract becomes a version carrying its {@link
 * io.lakestream.pipelines.model.QuarantineRecord}, with the same reason codes as the events topic.
 */
public final class ProfileDecoder implements KafkaRecordDecoder<ProfileVersion> {

    private static final long serialVersionUID = 1L;

    @Override
    public ProfileVersion decode(ConsumerRecord<byte[], byte[]> record) {
        ProfileVersion v = new ProfileVersion();
        String reason = decode(record.value(), v);
        if (reason != null) {
            v.quarantine = EventDecoder.quarantine(record, record.value(), reason);
        }
        return v;
    }

    /** Fills {@code v} from {@code value}; returns null if valid, else the reason. */
    static String decode(byte[] value, ProfileVersion v) {
        v.ts = Timestamps.ABSENT;
        String broken = JsonPayload.read(value, p -> readFields(p, v));
        if (broken != null) {
            return broken;
        }
        if (v.userId == null || v.userId.isEmpty()) {
            return Reason.MISSING_FIELD + ": user_id";
        }
        if (v.ts == Timestamps.ABSENT) {
            return Reason.MISSING_FIELD + ": ts";
        }
        if (v.age != null && (v.age < 0 || v.age > 120)) {
            return Reason.OUT_OF_RANGE + ": age must be 0..120, was " + v.age;
        }
        return null;
    }

    private static String readFields(JsonParser p, ProfileVersion v) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                continue; // a null is an absent field
            }
            switch (name) {
                case "user_id":
                    if ((v.userId = text(p, token)) == null) {
                        return badType(name, "a string");
                    }
                    break;
                case "ts":
                    if (token != JsonToken.VALUE_STRING) {
                        return badType(name, "a string");
                    }
                    v.ts = Timestamps.parse(p.getText());
                    if (v.ts == Timestamps.INVALID) {
                        return Reason.BAD_TIMESTAMP
                                + ": ts must be like 2026-11-20T10:15:30.123Z, was "
                                + p.getText();
                    }
                    break;
                case "country":
                    if ((v.country = text(p, token)) == null) {
                        return badType(name, "a string");
                    }
                    break;
                case "tier":
                    if ((v.tier = text(p, token)) == null) {
                        return badType(name, "a string");
                    }
                    break;
                case "age":
                    if (token != JsonToken.VALUE_NUMBER_INT) {
                        return badType(name, "an integer");
                    }
                    v.age = p.getIntValue();
                    break;
                default:
                    p.skipChildren(); // unknown fields are ignored
            }
        }
        return t == JsonToken.END_OBJECT ? null : Reason.INVALID_JSON + ": unexpected " + t;
    }

    private static String text(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static String badType(String field, String expected) {
        return Reason.BAD_TYPE + ": " + field + " must be " + expected;
    }

    @Override
    public TypeInformation<ProfileVersion> producedType() {
        return TypeInformation.of(ProfileVersion.class);
    }
}
