package io.lakestream.deploy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks every record value against the contract, by {@link ContractCheck}, not by the generator.
 */
class GeneratedValueTest {

    private static final GeneratorConfig CONFIG =
            GeneratorConfig.builder(60_000, 11)
                    .lateFraction(0.01)
                    .duplicateFraction(0.05)
                    .malformedFraction(0.05)
                    .build();
    private static final List<GeneratedRecord> RECORDS = EventGenerator.generateAll(CONFIG);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern PRICE = Pattern.compile("\"price\":(-?[0-9.]+)[,}]");
    private static final Set<String> FIELDS =
            Set.of(
                    "event_id",
                    "user_id",
                    "item_id",
                    "event_type",
                    "ts",
                    "country",
                    "device",
                    "price",
                    "age");

    @Test
    void everyEventValueParsesIntoExactlyItsGroundTruth() throws Exception {
        int withSession = 0;
        Set<String> seen = new HashSet<>();
        for (GeneratedRecord r : RECORDS) {
            if (r.kind() == RecordKind.MALFORMED) {
                continue;
            }
            GeneratedEvent e = r.event();
            assertThat(ContractCheck.violation(r.value())).as("%s", r).isNull();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.userId());
            JsonNode n = ContractCheck.STRICT.readTree(r.value());
            n.fieldNames().forEachRemaining(seen::add);
            if (n.has("session")) {
                withSession++;
                assertThat(n.get("session").isTextual()).isTrue();
            }
            assertThat(n.get("event_id").textValue()).isEqualTo(e.eventId());
            assertThat(n.get("user_id").textValue()).isEqualTo(e.userId());
            assertThat(n.get("item_id").textValue()).isEqualTo(e.itemId());
            assertThat(n.get("event_type").textValue()).isEqualTo(e.eventType());
            String ts = n.get("ts").textValue();
            assertThat(Instant.parse(ts).toEpochMilli()).isEqualTo(e.tsMillis());
            assertThat(ts).isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(e.tsMillis())));
            assertThat(text(n, "country")).isEqualTo(e.country());
            assertThat(text(n, "device")).isEqualTo(e.device());
            assertThat(n.has("age") ? n.get("age").intValue() : null).isEqualTo(e.age());
            assertThat(n.has("price")).isEqualTo(e.eventType().equals("purchase"));
            if (e.price() != null) {
                assertThat(n.get("price").doubleValue()).isEqualTo(e.price());
                Matcher m = PRICE.matcher(new String(r.value(), StandardCharsets.UTF_8));
                assertThat(m.find()).isTrue();
                assertThat(m.group(1)).matches("\\d+\\.\\d{2}");
            }
        }
        assertThat(withSession).isPositive();
        seen.remove("session");
        assertThat(seen).isEqualTo(FIELDS);
    }

    @Test
    void everyMalformedRecordBreaksTheRuleItsKindSays() {
        Map<MalformedKind, Set<String>> reasons = new EnumMap<>(MalformedKind.class);
        for (GeneratedRecord r : RECORDS) {
            if (r.kind() != RecordKind.MALFORMED) {
                continue;
            }
            String reason = ContractCheck.violation(r.value());
            assertThat(reason).as("%s", r).isNotNull();
            String expected =
                    switch (r.malformedKind()) {
                        case BROKEN_JSON -> "json";
                        case MISSING_FIELD -> "missing:";
                        case BAD_TYPE -> "type:";
                        case OUT_OF_RANGE -> "range:";
                        case INVALID_UTF8 -> "utf8";
                    };
            assertThat(reason).as("%s", r).startsWith(expected);
            reasons.computeIfAbsent(r.malformedKind(), k -> new HashSet<>()).add(reason);
        }
        assertThat(reasons.get(MalformedKind.MISSING_FIELD))
                .containsExactlyInAnyOrder(
                        "missing:event_id",
                        "missing:user_id",
                        "missing:item_id",
                        "missing:event_type",
                        "missing:ts",
                        "missing:price");
        assertThat(reasons.get(MalformedKind.BAD_TYPE))
                .containsExactlyInAnyOrder(
                        "type:ts", "type:price", "type:age", "type:event_id", "type:user_id");
        assertThat(reasons.get(MalformedKind.OUT_OF_RANGE))
                .containsExactlyInAnyOrder(
                        "range:age",
                        "range:price",
                        "range:event_type",
                        "range:ts",
                        "range:country");
    }

    @Test
    void invalidUtf8IsRejectedByAPlainJacksonConsumerToo() {
        ObjectMapper plain = new ObjectMapper();
        RECORDS.stream()
                .filter(r -> r.malformedKind() == MalformedKind.INVALID_UTF8)
                .forEach(
                        r ->
                                assertThatThrownBy(() -> plain.readTree(r.value()))
                                        .as("%s", r)
                                        .isNotNull());
    }

    @Test
    void everyKeyIsAUserId() {
        assertThat(RECORDS)
                .allMatch(r -> new String(r.key(), StandardCharsets.UTF_8).matches("u\\d+"));
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) ? n.get(field).textValue() : null;
    }
}
