package io.lakestream.pipelines.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderTest {

    private static final String VALID =
            "{\"event_id\":\"e1\",\"user_id\":\"u1\",\"item_id\":\"i1\",\"event_type\":\"purchase\","
                    + "\"ts\":\"2026-11-20T10:15:30.123Z\",\"country\":\"DE\",\"device\":\"ios\","
                    + "\"price\":12.5,\"age\":33}";

    private final EventDecoder decoder = new EventDecoder();

    private DecodedRecord decode(byte[] value) {
        return decoder.decode(
                new ConsumerRecord<>(
                        "events",
                        3,
                        77L,
                        1_000L,
                        TimestampType.CREATE_TIME,
                        0,
                        value == null ? 0 : value.length,
                        (byte[]) null,
                        value,
                        new RecordHeaders(),
                        Optional.empty()));
    }

    private DecodedRecord decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesEveryFieldOfAValidEvent() {
        DecodedRecord r = decode(VALID);
        assertThat(r.quarantine).isNull();
        Event e = r.event;
        assertThat(e.eventId).isEqualTo("e1");
        assertThat(e.userId).isEqualTo("u1");
        assertThat(e.itemId).isEqualTo("i1");
        assertThat(e.eventType).isEqualTo("purchase");
        assertThat(e.ts).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z").toEpochMilli());
        assertThat(e.country).isEqualTo("DE");
        assertThat(e.device).isEqualTo("ios");
        assertThat(e.price).isEqualTo(12.5);
        assertThat(e.age).isEqualTo(33);
        assertThat(e.kafkaPartition).isEqualTo(3);
        assertThat(e.kafkaOffset).isEqualTo(77L);
        assertThat(e.arrival).isEqualTo(1_000L);
    }

    @Test
    void ignoresUnknownFieldsAndTreatsNullAsAbsent() {
        DecodedRecord r =
                decode(
                        "{\"event_id\":\"e2\",\"extra\":{\"nested\":[1,2,{\"a\":null}]},"
                                + "\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\","
                                + "\"ts\":\"2026-01-01T00:00:00.000Z\",\"country\":null,\"age\":null}");
        assertThat(r.isValid()).isTrue();
        assertThat(r.event.country).isNull();
        assertThat(r.event.age).isNull();
        assertThat(r.event.price).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON|{\"event_id\":\"e1\",\"user_id\":|invalid_json",
                "garbage|hello world|invalid_json",
                "an array|[1,2,3]|not_an_object",
                "a bare string|\"x\"|not_an_object",
                "trailing data|{\"event_id\":\"e\"} {}|invalid_json",
                "missing event_id|{\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\"}|missing_field",
                "missing ts|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\"}|missing_field",
                "empty user_id|{\"event_id\":\"e\",\"user_id\":\"\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\"}|missing_field",
                "user_id a number|{\"event_id\":\"e\",\"user_id\":5,\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\"}|bad_type",
                "ts a number|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":1700000000}|bad_type",
                "ts without millis|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00Z\"}|bad_timestamp",
                "ts with offset|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000+01\"}|bad_timestamp",
                "ts 30 February|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-02-30T00:00:00.000Z\"}|bad_timestamp",
                "price a string|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"purchase\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"price\":\"abc\"}|bad_type",
                "negative price|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"purchase\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"price\":-1}|out_of_range",
                "purchase without price|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"purchase\",\"ts\":\"2026-01-01T00:00:00.000Z\"}|missing_field",
                "price on a click|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"price\":1}|out_of_range",
                "unknown event_type|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"view\",\"ts\":\"2026-01-01T00:00:00.000Z\"}|out_of_range",
                "age 200|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"age\":200}|out_of_range",
                "age huge|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"age\":99999999999}|out_of_range",
                "age fractional|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"age\":30.5}|bad_type",
                "age a date|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"age\":\"1990-01-01\"}|bad_type",
                "country USA|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"country\":\"USA\"}|out_of_range",
                "country lower case|{\"event_id\":\"e\",\"user_id\":\"u\",\"item_id\":\"i\",\"event_type\":\"click\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"country\":\"de\"}|out_of_range",
            })
    void quarantinesEveryContractViolationWithItsReason(String name, String json, String code) {
        DecodedRecord r = decode(json);
        assertThat(r.event).as(name).isNull();
        assertThat(Reason.codeOf(r.quarantine.reason)).as(r.quarantine.reason).isEqualTo(code);
        assertThat(r.quarantine.raw).isEqualTo(json);
        assertThat(r.quarantine.rawEncoding).isEqualTo("utf8");
        assertThat(r.quarantine.topic).isEqualTo("events");
        assertThat(r.quarantine.partition).isEqualTo(3);
        assertThat(r.quarantine.offset).isEqualTo(77L);
        assertThat(r.quarantine.arrival).isEqualTo(1_000L);
    }

    @Test
    void keepsInvalidUtf8AsBase64() {
        byte[] bad = VALID.getBytes(StandardCharsets.UTF_8);
        bad[20] = (byte) 0xC3;
        bad[21] = (byte) 0x28; // an invalid two-byte sequence
        DecodedRecord r = decode(bad);
        assertThat(Reason.codeOf(r.quarantine.reason)).isEqualTo(Reason.INVALID_UTF8);
        assertThat(r.quarantine.rawEncoding).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(r.quarantine.raw)).isEqualTo(bad);
    }

    @Test
    void quarantinesAnEmptyOrNullPayload() {
        assertThat(Reason.codeOf(decode(new byte[0]).quarantine.reason)).isEqualTo(Reason.EMPTY);
        assertThat(Reason.codeOf(decode((byte[]) null).quarantine.reason)).isEqualTo(Reason.EMPTY);
    }
}
