package io.lakestream.pipelines.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.quality.ExpectationsFile;
import io.lakestream.connectors.lake.quality.RecordRules;
import io.lakestream.pipelines.model.DecodedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decoder applies the record rules of {@code expectations/events.yaml} after the data contract:
 * a record that breaks one is quarantined with the rule's name, raw bytes kept; the contract's own
 * reasons come first.
 */
class RecordRuleDecodeTest {

    private static final RecordRules RULES =
            ExpectationsFile.parse(
                            """
                            record-rules:
                              - rule: not_null
                                column: country
                              - rule: between
                                column: age
                                min: 16
                              - rule: in_set
                                column: device
                                values: [ios, android]
                              - rule: matches
                                column: item_id
                                regex: "i[0-9]+"
                              - rule: type
                                column: session
                                type: string
                            """,
                            "expectations/events.yaml",
                            "events")
                    .recordRules();

    private static DecodedRecord decode(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        return new EventDecoder(RULES)
                .decode(
                        new ConsumerRecord<>(
                                "events",
                                0,
                                5L,
                                1_000L,
                                TimestampType.CREATE_TIME,
                                0,
                                value.length,
                                (byte[]) null,
                                value,
                                new RecordHeaders(),
                                Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'\"country\":\"DE\",\"device\":\"ios\",\"age\":33' | ",
                "'\"device\":\"ios\",\"age\":33' | expectation: not_null(country): country is"
                        + " missing",
                "'\"country\":\"DE\",\"device\":\"ios\",\"age\":12' | expectation: between(age):"
                        + " age = 12, expected >= 16",
                "'\"country\":\"DE\",\"device\":\"tv\"' | expectation: in_set(device): device ="
                        + " 'tv', expected one of [android, ios]",
                "'\"country\":\"DE\",\"session\":7' | expectation: type(session): session is an"
                        + " integer, expected string",
                "'\"country\":\"DE\",\"session\":\"s1\"' | ",
                "'\"country\":\"DE\",\"age\":\"1990-05-17\"' | bad_type: age must be an integer",
            })
    void aRecordBreakingARuleIsQuarantinedWithItsName(String fields, String reason) {
        String json =
                "{\"event_id\":\"e1\",\"user_id\":\"u1\",\"item_id\":\"i7\","
                        + "\"event_type\":\"click\",\"ts\":\"2026-11-20T10:15:30.123Z\","
                        + fields
                        + "}";
        DecodedRecord r = decode(json);
        if (reason == null) {
            assertThat(r.quarantine).isNull();
            assertThat(r.event.itemId).isEqualTo("i7");
        } else {
            assertThat(r.event).isNull();
            assertThat(r.quarantine.reason).isEqualTo(reason);
            assertThat(r.quarantine.raw).isEqualTo(json);
            assertThat(r.quarantine.offset).isEqualTo(5L);
        }
    }
}
