package io.lakestream.itests;

import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle of {@code training_examples}, in plain Java over the generated input: for every
 * impression, the label from the same user's clicks on the same item in {@code (t, t + 30 min]},
 * the profile version with the latest {@code ts <= t}, the user's activity of the 7 days before the
 * impression's date ({@link PriorActivityTruth}), and region and currency from the country CSV.
 * Rows render as strings, column by column, like {@link
 * #row(org.apache.avro.generic.GenericRecord)}.
 */
final class TrainingTruth {

    static final long WINDOW_MS = 30 * 60_000L;

    private final Map<String, List<Long>> clicksByUserItem = new HashMap<>();
    private final Map<String, TreeMap<Long, GeneratedProfile>> versionsByUser = new HashMap<>();
    private final Map<String, String[]> countries = new HashMap<>();
    private final PriorActivityTruth prior;

    /**
     * @param events every on-time event (range and after: clicks after the range count)
     * @param versions the users changelog
     * @param countriesCsv the country table, {@code code,region,currency} with a header
     */
    TrainingTruth(List<GeneratedEvent> events, List<GeneratedProfile> versions, Path countriesCsv)
            throws IOException {
        prior = new PriorActivityTruth(events);
        for (GeneratedEvent e : events) {
            if (e.eventType().equals(GeneratedEvent.CLICK)) {
                clicksByUserItem
                        .computeIfAbsent(e.userId() + "/" + e.itemId(), k -> new ArrayList<>())
                        .add(e.tsMillis());
            }
        }
        for (GeneratedProfile p : versions) {
            versionsByUser.computeIfAbsent(p.userId(), k -> new TreeMap<>()).put(p.tsMillis(), p);
        }
        List<String> lines = Files.readAllLines(countriesCsv);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] f = line.split(",");
                countries.put(f[0], new String[] {f[1], f[2]});
            }
        }
    }

    /** The oracle of the {@code prior_*} columns. */
    PriorActivityTruth prior() {
        return prior;
    }

    int label(GeneratedEvent impression) {
        for (long c :
                clicksByUserItem.getOrDefault(
                        impression.userId() + "/" + impression.itemId(), List.of())) {
            if (c > impression.tsMillis() && c <= impression.tsMillis() + WINDOW_MS) {
                return 1;
            }
        }
        return 0;
    }

    /** The version in force at {@code ts}, or null. */
    GeneratedProfile profileAt(String user, long ts) {
        TreeMap<Long, GeneratedProfile> v = versionsByUser.get(user);
        if (v == null) {
            return null;
        }
        Map.Entry<Long, GeneratedProfile> e = v.floorEntry(ts);
        return e == null ? null : e.getValue();
    }

    /** Expected rows per {@code date=} partition, for the impressions of {@code impressions}. */
    Map<String, List<String>> table(List<GeneratedEvent> impressions) {
        Map<String, List<String>> m = new TreeMap<>();
        for (GeneratedEvent e : impressions) {
            if (!e.eventType().equals(GeneratedEvent.IMPRESSION)) {
                continue;
            }
            GeneratedProfile p = profileAt(e.userId(), e.tsMillis());
            String[] c = e.country() == null ? null : countries.get(e.country());
            String row =
                    String.join(
                            "|",
                            e.eventId(),
                            e.userId(),
                            e.itemId(),
                            "" + label(e),
                            "" + e.tsMillis(),
                            ""
                                    + Instant.ofEpochMilli(e.tsMillis())
                                            .atZone(ZoneOffset.UTC)
                                            .getHour(),
                            "" + e.country(),
                            "" + e.device(),
                            c == null ? "null" : c[0],
                            c == null ? "null" : c[1],
                            prior.strict(e),
                            p == null ? "null" : "" + p.tsMillis(),
                            p == null ? "null" : "" + p.country(),
                            p == null ? "null" : "" + p.age(),
                            p == null ? "null" : p.tier());
            m.computeIfAbsent(GeneratedTruth.datePartition(e.tsMillis()), k -> new ArrayList<>())
                    .add(row);
        }
        return m;
    }

    /** A lake row, rendered like the expected rows of {@link #table}. */
    static String row(org.apache.avro.generic.GenericRecord r) {
        return String.join(
                "|", columns(r, BEFORE_PRIOR), PriorActivityTruth.columns(r), columns(r, PROFILE));
    }

    private static final String[] BEFORE_PRIOR = {
        "event_id",
        "user_id",
        "item_id",
        "label",
        "event_time",
        "hour_of_day",
        "country",
        "device",
        "region",
        "currency"
    };

    private static final String[] PROFILE = {
        "profile_time", "profile_country", "profile_age", "profile_tier"
    };

    private static String columns(org.apache.avro.generic.GenericRecord r, String[] columns) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
            values.add(String.valueOf(r.get(c)));
        }
        return String.join("|", values);
    }
}
