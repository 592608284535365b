package io.lakestream.itests;

import io.lakestream.deploy.generate.GeneratedEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle of the {@code prior_*} columns of {@code training_examples}, in plain Java over the
 * generated events: a user's activity with {@code user_daily}'s definitions (impressions, clicks,
 * purchases, exact revenue, days with any event, clicks / impressions) over any window of event
 * time. {@link #strict} is the table's contract (the 7 UTC days before the impression's date); the
 * leaky windows are what a join with same-day data would give, for the leakage test.
 */
final class PriorActivityTruth {

    static final long DAY_MS = 86_400_000L;
    static final int DAYS = 7;

    private final Map<String, List<GeneratedEvent>> byUser = new HashMap<>();

    /**
     * @param events every on-time event the run could see (history included)
     */
    PriorActivityTruth(List<GeneratedEvent> events) {
        for (GeneratedEvent e : events) {
            byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
        }
    }

    /** The columns as the table defines them: the 7 whole days before the impression's date. */
    String strict(GeneratedEvent impression) {
        long date = Math.floorDiv(impression.tsMillis(), DAY_MS) * DAY_MS;
        return over(impression.userId(), date - DAYS * DAY_MS, date);
    }

    /** A leak: the 7 days before the date and the impression's whole date. */
    String withSameDay(GeneratedEvent impression) {
        long date = Math.floorDiv(impression.tsMillis(), DAY_MS) * DAY_MS;
        return over(impression.userId(), date - DAYS * DAY_MS, date + DAY_MS);
    }

    /** A leak: the 7 x 24 hours up to the impression (its own day's earlier events included). */
    String trailingHours(GeneratedEvent impression) {
        long t = impression.tsMillis();
        return over(impression.userId(), t - DAYS * DAY_MS, t + 1);
    }

    /** {@code active|impressions|clicks|purchases|revenue|ctr} over event times [from, to). */
    String over(String user, long from, long to) {
        Set<Long> days = new HashSet<>();
        long imp = 0;
        long clk = 0;
        long pur = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (GeneratedEvent e : byUser.getOrDefault(user, List.of())) {
            if (e.tsMillis() < from || e.tsMillis() >= to) {
                continue;
            }
            days.add(Math.floorDiv(e.tsMillis(), DAY_MS));
            switch (e.eventType()) {
                case GeneratedEvent.IMPRESSION -> imp++;
                case GeneratedEvent.CLICK -> clk++;
                case GeneratedEvent.PURCHASE -> {
                    pur++;
                    revenue = revenue.add(BigDecimal.valueOf(e.price()));
                }
                default -> throw new IllegalStateException(e.eventType());
            }
        }
        return String.join(
                "|",
                "" + days.size(),
                "" + imp,
                "" + clk,
                "" + pur,
                "" + revenue.doubleValue(),
                imp == 0 ? "null" : "" + ((double) clk / imp));
    }

    /** The {@code prior_*} columns of a lake row, rendered like {@link #over}. */
    static String columns(org.apache.avro.generic.GenericRecord r) {
        List<String> v = new ArrayList<>();
        for (String c :
                List.of(
                        "prior_days_active",
                        "prior_impressions",
                        "prior_clicks",
                        "prior_purchases",
                        "prior_revenue",
                        "prior_ctr")) {
            v.add(String.valueOf(r.get(c)));
        }
        return String.join("|", v);
    }
}
