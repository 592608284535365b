package io.lakestream.pipelines.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.ProfileVersion;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The users changelog contract: valid versions decode, broken records carry a reason. */
class ProfileDecoderTest {

    private static ProfileVersion decode(String json) {
        return new ProfileDecoder()
                .decode(
                        new ConsumerRecord<>(
                                "users",
                                0,
                                17L,
                                "u1".getBytes(StandardCharsets.UTF_8),
                                json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidVersionDecodesWithOptionalFieldsAbsentAndUnknownOnesIgnored() {
        ProfileVersion v =
                decode(
                        "{\"user_id\":\"u1\",\"ts\":\"2026-11-01T00:00:01.500Z\",\"tier\":\"plus\","
                                + "\"country\":null,\"extra\":{\"a\":[1]}}");
        assertThat(v.quarantine).isNull();
        assertThat(v.userId).isEqualTo("u1");
        assertThat(v.ts).isEqualTo(1_793_491_201_500L);
        assertThat(v.tier).isEqualTo("plus");
        assertThat(v.country).isNull();
        assertThat(v.age).isNull();
    }

    @Test
    void brokenRecordsAreQuarantinedWithAReasonAndTheirProvenance() {
        assertThat(decode(null).quarantine.reason).startsWith("empty");
        assertThat(decode("[1]").quarantine.reason).startsWith("not_an_object");
        assertThat(decode("{\"ts\":\"2026-11-01T00:00:00.000Z\"}").quarantine.reason)
                .isEqualTo("missing_field: user_id");
        assertThat(decode("{\"user_id\":\"u1\"}").quarantine.reason).isEqualTo("missing_field: ts");
        assertThat(decode("{\"user_id\":\"u1\",\"ts\":\"yesterday\"}").quarantine.reason)
                .startsWith("bad_timestamp");
        assertThat(
                        decode(
                                        "{\"user_id\":\"u1\",\"ts\":\"2026-11-01T00:00:00.000Z\",\"age\":121}")
                                .quarantine
                                .reason)
                .startsWith("out_of_range");
        assertThat(
                        decode(
                                        "{\"user_id\":\"u1\",\"ts\":\"2026-11-01T00:00:00.000Z\",\"age\":\"x\"}")
                                .quarantine
                                .reason)
                .startsWith("bad_type");
        ProfileVersion bad = decode("{not json");
        assertThat(bad.quarantine.reason).startsWith("invalid_json");
        assertThat(bad.quarantine.topic).isEqualTo("users");
        assertThat(bad.quarantine.offset).isEqualTo(17L);
        assertThat(bad.quarantine.raw).isEqualTo("{not json");
    }
}
