package io.lakestream.bench.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.RecordKind;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateTopicTest {

    @Test
    void choosesUsersForTheWantedNumberOfUserDays() {
        int users = StateTopic.usersFor(10_000_000, 3, 5_000_000);
        double perDay = 10_000_000 / 3.0;
        double pairs = 3 * (users - 1) * -Math.expm1(-perDay / (users - 1));

        assertThat(pairs).isCloseTo(5_000_000, within(5_000.0));
    }

    @Test
    void theOracleCountsKeptEventsAndDistinctUserDates() {
        GeneratorConfig config =
                StateTopic.config(
                        GeneratorConfig.builder(20_000, 7)
                                .start(LocalDate.of(2026, 11, 1))
                                .days(3)
                                .lateFraction(0)
                                .build());
        long events = 0;
        Set<String> userDays = new HashSet<>();
        for (GeneratedRecord r : EventGenerator.generateAll(config)) {
            if (r.kind() == RecordKind.VALID) {
                events++;
                userDays.add(r.event().userId() + "/" + r.event().eventDate());
            }
        }

        assertThat(StateTopic.oracle(config)).containsExactly(events, userDays.size());
        assertThat((double) userDays.size() / events).isCloseTo(0.9, within(0.02));
        assertThat(userDays.size()).isCloseTo(10_000, within(300));
    }
}
