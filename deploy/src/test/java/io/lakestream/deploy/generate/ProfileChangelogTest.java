package io.lakestream.deploy.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The users changelog: deterministic, time-ordered, changing inside the range, events untouched.
 */
class ProfileChangelogTest {

    private static GeneratorConfig config(long seed) {
        return GeneratorConfig.builder(2_000, seed)
                .users(300)
                .items(50)
                .start(LocalDate.of(2026, 11, 1))
                .days(2)
                .build();
    }

    @Test
    void sameSeedGivesTheSameVersionsAndOtherSeedsDiffer() {
        assertThat(ProfileChangelog.generate(config(7)))
                .isEqualTo(ProfileChangelog.generate(config(7)));
        assertThat(ProfileChangelog.generate(config(7)))
                .isNotEqualTo(ProfileChangelog.generate(config(8)));
    }

    @Test
    void theEventsOfASeedDoNotDependOnTheChangelog() {
        // the changelog draws from its own random stream: generating it in between changes nothing
        List<GeneratedRecord> before = EventGenerator.generateAll(config(7));
        ProfileChangelog.generate(config(7));
        List<GeneratedRecord> after = EventGenerator.generateAll(config(7));
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).value()).isEqualTo(before.get(i).value());
            assertThat(after.get(i).timestampMillis()).isEqualTo(before.get(i).timestampMillis());
        }
    }

    @Test
    void versionsAreInTimeOrderAndProfilesChangeInsideTheRange() {
        GeneratorConfig c = config(7);
        List<GeneratedProfile> versions = ProfileChangelog.generate(c);
        Map<String, Integer> perUser = new HashMap<>();
        long changesInRange = 0;
        for (int i = 0; i < versions.size(); i++) {
            GeneratedProfile p = versions.get(i);
            if (i > 0) {
                assertThat(p.tsMillis()).isGreaterThanOrEqualTo(versions.get(i - 1).tsMillis());
            }
            assertThat(p.tsMillis())
                    .isLessThan(c.endMillis())
                    .isGreaterThanOrEqualTo(
                            c.startMillis() - ProfileChangelog.FIRST_VERSION_BEFORE.toMillis());
            assertThat(p.tier()).isIn((Object[]) ProfileChangelog.TIERS);
            assertThat(p.age())
                    .satisfiesAnyOf(
                            a -> assertThat(a).isNull(), a -> assertThat(a).isBetween(0, 120));
            if (perUser.merge(p.userId(), 1, Integer::sum) > 1) {
                changesInRange++;
                assertThat(p.tsMillis()).isGreaterThanOrEqualTo(c.startMillis());
            }
        }
        assertThat(changesInRange).isPositive();
        assertThat(perUser.size()).isLessThan(c.users()); // some users never have a profile
        assertThat(versions.stream().filter(p -> p.tsMillis() < c.startMillis())).isNotEmpty();
    }

    @Test
    void theJsonValueFollowsTheContract() {
        String json =
                new String(
                        ProfileChangelog.json(
                                new GeneratedProfile("u7", 1_795_000_000_000L, null, 42, "plus")),
                        StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"user_id\":\"u7\",\"ts\":\"2026-11-18T11:06:40.000Z\",\"age\":42,"
                                + "\"tier\":\"plus\"}");
        assertThat(Arrays.asList(ProfileChangelog.COUNTRIES)).allMatch(c -> c.matches("[A-Z]{2}"));
    }
}
