package io.lakestream.deploy.generate;

/**
 * The ground truth of one generated version of a user's profile, a record of the {@code users}
 * changelog topic (key {@code userId}): in force from {@code tsMillis} until the user's next
 * version. Tests use it as their independent oracle of point-in-time joins.
 *
 * @param country ISO 3166-1 alpha-2 code, or {@code null} when absent
 * @param age 0..120, or {@code null} when absent
 * @param tier {@code free}, {@code plus} or {@code premium}
 */
public record GeneratedProfile(
        String userId, long tsMillis, String country, Integer age, String tier) {}
