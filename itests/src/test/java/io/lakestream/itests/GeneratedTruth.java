package io.lakestream.itests;

import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.RecordKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The independent oracle: what the lake must hold, computed in plain Java from the generator's
 * ground truth (the records in delivery order, with what each one is), never from pipeline code.
 * Rows are rendered as strings so that lake rows and expected rows compare as multisets.
 */
final class GeneratedTruth {

    /** Events by first delivery, in delivery order. */
    final List<GeneratedEvent> onTime = new ArrayList<>();

    final List<GeneratedEvent> late = new ArrayList<>();
    final List<GeneratedRecord> malformed = new ArrayList<>();

    /** Deliveries of an event after its first. */
    int duplicates;

    GeneratedTruth(List<GeneratedRecord> records) {
        Set<String> seen = new HashSet<>();
        for (GeneratedRecord r : records) {
            if (r.kind() == RecordKind.MALFORMED) {
                malformed.add(r);
            } else if (seen.add(r.event().eventId())) {
                // the first delivery decides: later copies are duplicates, dropped by dedup
                (r.kind() == RecordKind.LATE ? late : onTime).add(r.event());
            } else {
                duplicates++;
            }
        }
    }

    List<GeneratedEvent> all() {
        List<GeneratedEvent> all = new ArrayList<>(onTime);
        all.addAll(late);
        return all;
    }

    /** Expected {@code events} rows per {@code date=/hour=} partition. */
    static Map<String, List<String>> eventsTable(List<GeneratedEvent> events) {
        Map<String, List<String>> m = new TreeMap<>();
        for (GeneratedEvent e : events) {
            m.computeIfAbsent(hourPartition(e.tsMillis()), k -> new ArrayList<>()).add(eventRow(e));
        }
        return m;
    }

    /** Expected {@code _late_events} event ids per {@code date=} partition. */
    static Map<String, List<String>> lateIds(List<GeneratedEvent> events) {
        Map<String, List<String>> m = new TreeMap<>();
        for (GeneratedEvent e : events) {
            m.computeIfAbsent(datePartition(e.tsMillis()), k -> new ArrayList<>()).add(e.eventId());
        }
        return m;
    }

    /** Expected {@code _quarantine} raw payloads per arrival {@code date=} partition. */
    Map<String, List<String>> quarantine(Predicate<Long> arrivalInRange) {
        Map<String, List<String>> m = new TreeMap<>();
        for (GeneratedRecord r : malformed) {
            if (arrivalInRange.test(r.timestampMillis())) {
                m.computeIfAbsent(datePartition(r.timestampMillis()), k -> new ArrayList<>())
                        .add(raw(r.value()));
            }
        }
        return m;
    }

    /** Expected {@code user_daily} rows per {@code date=} partition. */
    static Map<String, List<String>> userDaily(List<GeneratedEvent> events) {
        Map<String, Map<String, List<GeneratedEvent>>> byDateUser = new TreeMap<>();
        for (GeneratedEvent e : events) {
            byDateUser
                    .computeIfAbsent(datePartition(e.tsMillis()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.userId(), k -> new ArrayList<>())
                    .add(e);
        }
        Map<String, List<String>> m = new TreeMap<>();
        byDateUser.forEach(
                (date, users) -> {
                    List<String> rows = new ArrayList<>();
                    users.forEach((user, es) -> rows.add(userDailyRow(user, es)));
                    m.put(date, rows);
                });
        return m;
    }

    private static String userDailyRow(String user, List<GeneratedEvent> es) {
        long imp = 0, clk = 0, pur = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        Set<String> items = new HashSet<>();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (GeneratedEvent e : es) {
            switch (e.eventType()) {
                case "impression" -> imp++;
                case "click" -> clk++;
                case "purchase" -> {
                    pur++;
                    revenue = revenue.add(BigDecimal.valueOf(e.price()));
                }
                default -> throw new IllegalStateException(e.eventType());
            }
            items.add(e.itemId());
            first = Math.min(first, e.tsMillis());
            last = Math.max(last, e.tsMillis());
        }
        return String.join(
                "|",
                user,
                "" + imp,
                "" + clk,
                "" + pur,
                "" + revenue.doubleValue(),
                "" + items.size(),
                "" + first,
                "" + last);
    }

    static String eventRow(GeneratedEvent e) {
        return String.join(
                "|",
                e.eventId(),
                e.userId(),
                e.itemId(),
                e.eventType(),
                "" + e.tsMillis(),
                "" + e.country(),
                "" + e.device(),
                "" + e.price(),
                "" + e.age());
    }

    static String hourPartition(long ts) {
        Instant i = Instant.ofEpochMilli(ts);
        return String.format(
                "date=%s/hour=%02d",
                i.atZone(ZoneOffset.UTC).toLocalDate(), i.atZone(ZoneOffset.UTC).getHour());
    }

    static String datePartition(long ts) {
        return "date=" + LocalDate.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC);
    }

    static String raw(byte[] value) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }
}
