package io.lakestream.deploy.generate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code users} changelog of a generated history: deterministic from the seed (same config,
 * same versions), drawn from its own random stream so the events of a seed stay byte-identical.
 *
 * <p>Most users have a first version before the event range (up to {@link #FIRST_VERSION_BEFORE}
 * earlier); some get their first version only inside the range, and a few never get one. Within the
 * range, a user's profile changes at up to {@link #MAX_CHANGES} random instants (country, tier or
 * age). Versions come in time order, so the topic is ordered by time in every partition.
 */
public final class ProfileChangelog {

    /** How long before the event range a user's first version may lie. */
    public static final Duration FIRST_VERSION_BEFORE = Duration.ofDays(30);

    public static final int MAX_CHANGES = 3;

    static final String[] COUNTRIES = {
        "US", "DE", "FR", "GB", "IN", "BR", "JP", "NL", "ES", "IT", "CA"
    };
    static final String[] TIERS = {"free", "plus", "premium"};
    private static final long STREAM = 0x5DEECE66DL;

    private ProfileChangelog() {}

    /** Every version of {@code config}'s users, ordered by time (then user). */
    public static List<GeneratedProfile> generate(GeneratorConfig config) {
        SplittableRandom rnd = new SplittableRandom(EventGenerator.mix(config.seed() ^ STREAM));
        long start = config.startMillis();
        long span = config.endMillis() - start;
        long before = FIRST_VERSION_BEFORE.toMillis();
        List<GeneratedProfile> out = new ArrayList<>();
        for (int u = 0; u < config.users(); u++) {
            String user = "u" + u;
            int roll = rnd.nextInt(100);
            if (roll < 3) {
                continue; // never a profile: null profile columns throughout
            }
            long first = roll < 13 ? start + rnd.nextLong(span) : start - 1 - rnd.nextLong(before);
            String country = roll % 7 == 0 ? null : COUNTRIES[rnd.nextInt(COUNTRIES.length)];
            Integer age = rnd.nextInt(10) == 0 ? null : 16 + rnd.nextInt(60);
            String tier = TIERS[rnd.nextInt(TIERS.length)];
            out.add(new GeneratedProfile(user, first, country, age, tier));
            long t = Math.max(first, start);
            int changes = rnd.nextInt(MAX_CHANGES + 1);
            for (int c = 0; c < changes; c++) {
                long left = start + span - 1 - t;
                if (left <= 0) {
                    break;
                }
                t += 1 + rnd.nextLong(left);
                switch (rnd.nextInt(3)) {
                    case 0 -> country = COUNTRIES[rnd.nextInt(COUNTRIES.length)];
                    case 1 -> tier = TIERS[rnd.nextInt(TIERS.length)];
                    default -> age = age == null ? 30 : Math.min(120, age + 1);
                }
                out.add(new GeneratedProfile(user, t, country, age, tier));
            }
        }
        out.sort(
                Comparator.comparingLong(GeneratedProfile::tsMillis)
                        .thenComparing(GeneratedProfile::userId));
        return out;
    }

    /** The record value of {@code p}: {@code {user_id, ts, country, age, tier}}, UTF-8 JSON. */
    public static byte[] json(GeneratedProfile p) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"user_id\":\"").append(p.userId()).append('"');
        sb.append(",\"ts\":\"").append(new EventJson().ts(p.tsMillis())).append('"');
        if (p.country() != null) {
            sb.append(",\"country\":\"").append(p.country()).append('"');
        }
        if (p.age() != null) {
            sb.append(",\"age\":").append(p.age());
        }
        sb.append(",\"tier\":\"").append(p.tier()).append("\"}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
