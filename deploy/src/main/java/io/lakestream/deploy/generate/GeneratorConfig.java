package io.lakestream.deploy.generate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Everything the {@link EventGenerator} output depends on: same config, same bytes. Validated on
 * construction, with messages that name the command-line option and say how to fix it, because a
 * nonsensical config would otherwise produce a data set whose ground truth is silently wrong.
 *
 * @param events distinct events (valid + late); duplicates and malformed records come on top
 * @param start first day of the event-time range {@code [start, start + days)}, UTC
 * @param lateFraction share of events delivered late (a delay in [lateDelayMin, lateDelayMax])
 * @param duplicateFraction extra byte-identical deliveries, as a share of events
 * @param malformedFraction extra contract-breaking records, as a share of events
 * @param zipf exponent of the item popularity (0 = uniform)
 * @param hotUserShare share of events by the one hot user {@code u0}
 * @param outOfOrderBound maximum delivery delay of every non-late record
 * @param partitions partitions of the topic, if the publisher creates it
 * @param drift a schema change from some event time on ({@link SchemaDrift#NONE}: none)
 */
public record GeneratorConfig(
        long events,
        long seed,
        int users,
        int items,
        LocalDate start,
        int days,
        double lateFraction,
        double duplicateFraction,
        double malformedFraction,
        double zipf,
        double hotUserShare,
        Duration outOfOrderBound,
        Duration lateDelayMin,
        Duration lateDelayMax,
        int partitions,
        SchemaDrift drift) {

    public static final int MAX_ITEMS = 1_000_000;
    public static final int MAX_DAYS = 3660;
    private static final LocalDate MIN_START = LocalDate.of(1970, 1, 1);
    private static final LocalDate MAX_END = LocalDate.of(9999, 12, 31);

    public GeneratorConfig {
        check(drift != null, "drift must not be null; use SchemaDrift.NONE");
        check(events >= 1, "--events must be at least 1 (got " + events + ")");
        check(users >= 1, "--users must be at least 1 (got " + users + ")");
        check(
                items >= 1 && items <= MAX_ITEMS,
                "--items must be between 1 and " + MAX_ITEMS + " (got " + items + ")");
        check(start != null, "--start is required, e.g. --start 2026-11-01");
        check(
                days >= 1 && days <= MAX_DAYS,
                "--days must be between 1 and " + MAX_DAYS + " (got " + days + ")");
        check(
                !start.isBefore(MIN_START) && start.plusDays(days).isBefore(MAX_END),
                "--start/--days must stay within 1970-01-01..9999-12-30 (got --start "
                        + start
                        + " --days "
                        + days
                        + ")");
        fraction("--late-fraction", lateFraction);
        fraction("--duplicate-fraction", duplicateFraction);
        fraction("--malformed-fraction", malformedFraction);
        fraction("hot-user share", hotUserShare);
        check(
                lateFraction + duplicateFraction <= 1.0,
                "--late-fraction + --duplicate-fraction must be at most 1: a duplicate copies an"
                        + " on-time event (got "
                        + lateFraction
                        + " + "
                        + duplicateFraction
                        + ")");
        check(
                zipf >= 0 && zipf <= 10,
                "--zipf must be between 0 (uniform) and 10 (got " + zipf + ")");
        check(
                outOfOrderBound != null && !outOfOrderBound.isNegative(),
                "the out-of-order bound must be >= 0 (got " + outOfOrderBound + ")");
        check(
                lateDelayMin != null && lateDelayMin.compareTo(outOfOrderBound) > 0,
                "the minimum late delay must exceed the out-of-order bound "
                        + outOfOrderBound
                        + " (got "
                        + lateDelayMin
                        + ")");
        check(
                lateDelayMax != null && lateDelayMax.compareTo(lateDelayMin) >= 0,
                "the maximum late delay must be >= the minimum " + lateDelayMin);
        check(
                lateDelayMin.toMillis() < Duration.ofDays(days).toMillis(),
                "--days " + days + " is too short for a late delay of " + lateDelayMin);
        double maxLate = 1.0 - (double) lateDelayMin.toMillis() / Duration.ofDays(days).toMillis();
        check(
                lateFraction <= maxLate,
                String.format(
                        "--late-fraction must be at most %.3f with --days %d: late events are"
                                + " placed at least %s before the end of the range (got %s)",
                        maxLate, days, lateDelayMin, lateFraction));
        check(
                partitions >= 1 && partitions <= 10_000,
                "--partitions must be between 1 and 10000 (got " + partitions + ")");
    }

    /** A builder with the defaults for {@code events} events from {@code seed}. */
    public static GeneratorConfigBuilder builder(long events, long seed) {
        return new GeneratorConfigBuilder(events, seed);
    }

    /** A builder starting from this config. */
    public GeneratorConfigBuilder toBuilder() {
        return new GeneratorConfigBuilder(this);
    }

    /** Start of the event-time range, epoch milliseconds (inclusive). */
    public long startMillis() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** End of the event-time range, epoch milliseconds (exclusive). */
    public long endMillis() {
        return startMillis() + Duration.ofDays(days).toMillis();
    }

    private static void fraction(String option, double value) {
        check(
                value >= 0 && value <= 1,
                option + " must be between 0 and 1, e.g. 0.01 for 1% (got " + value + ")");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
