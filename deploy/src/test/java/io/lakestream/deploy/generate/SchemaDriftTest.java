package io.lakestream.deploy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A drift changes exactly the records from its start on, as its kind says, with the ground truth
 * following the bytes; every other record of the seed is unchanged.
 */
class SchemaDriftTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final Instant FROM = DAY.atTime(14, 0).toInstant(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<GeneratedRecord> generate(SchemaDrift drift) {
        return EventGenerator.generateAll(
                GeneratorConfig.builder(20_000, 3)
                        .start(DAY)
                        .days(1)
                        .users(500)
                        .items(100)
                        .malformedFraction(0.01)
                        .drift(drift)
                        .build());
    }

    private static final List<GeneratedRecord> PLAIN = generate(SchemaDrift.NONE);

    /** The event time of a record, also of a malformed one (from the plain run, same position). */
    private static boolean drifts(int i) {
        GeneratedRecord plain = PLAIN.get(i);
        return plain.event() != null && plain.event().tsMillis() >= FROM.toEpochMilli();
    }

    @Test
    void pricesInCentsChangeOnlyThePricesOfLaterPurchases() throws IOException {
        List<GeneratedRecord> drifted =
                generate(SchemaDrift.of(SchemaDrift.Kind.PRICES_IN_CENTS, FROM));
        assertThat(drifted).hasSameSizeAs(PLAIN);
        int changed = 0;
        for (int i = 0; i < PLAIN.size(); i++) {
            GeneratedRecord p = PLAIN.get(i);
            GeneratedRecord d = drifted.get(i);
            boolean purchase = p.event() != null && p.event().price() != null;
            if (!drifts(i) || !purchase) {
                assertThat(d).as("record %d", i).isEqualTo(p);
                continue;
            }
            changed++;
            double cents = BigDecimal.valueOf(p.event().price()).movePointRight(2).doubleValue();
            assertThat(d.event().price()).isEqualTo(cents);
            assertThat(JSON.readTree(d.value()).get("price").doubleValue()).isEqualTo(cents);
            assertThat(d.kind()).isEqualTo(p.kind());
        }
        assertThat(changed).isPositive();
    }

    @Test
    void ageAsBirthDateMakesLaterRecordsWithAnAgeMalformed() throws IOException {
        List<GeneratedRecord> drifted =
                generate(SchemaDrift.of(SchemaDrift.Kind.AGE_AS_BIRTH_DATE, FROM));
        assertThat(drifted).hasSameSizeAs(PLAIN);
        int broken = 0;
        for (int i = 0; i < PLAIN.size(); i++) {
            GeneratedRecord p = PLAIN.get(i);
            GeneratedRecord d = drifted.get(i);
            if (!drifts(i) || p.event().age() == null) {
                assertThat(d).as("record %d", i).isEqualTo(p);
                continue;
            }
            broken++;
            assertThat(d.kind()).isEqualTo(RecordKind.MALFORMED);
            assertThat(d.malformedKind()).isEqualTo(MalformedKind.BAD_TYPE);
            JsonNode json = JSON.readTree(d.value());
            LocalDate eventDay =
                    Instant.ofEpochMilli(p.event().tsMillis()).atZone(ZoneOffset.UTC).toLocalDate();
            assertThat(json.get("age").isTextual()).isTrue();
            assertThat(json.get("age").asText())
                    .isEqualTo(eventDay.minusYears(p.event().age()).toString());
            assertThat(json.get("event_id").asText()).isEqualTo(p.event().eventId());
        }
        assertThat(broken).isPositive();
    }

    @Test
    void aKindIsNamedOrRefused() {
        assertThat(SchemaDrift.Kind.parse("prices-in-cents"))
                .isEqualTo(SchemaDrift.Kind.PRICES_IN_CENTS);
        assertThatThrownBy(() -> SchemaDrift.Kind.parse("none"))
                .hasMessage(
                        "--drift must be one of prices-in-cents, age-as-birth-date (got 'none')");
    }
}
