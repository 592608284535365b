package io.lakestream.deploy.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The ground truth of one generated event: exactly the fields its JSON value carries. Tests use it
 * as their independent oracle, so it is what a correct decoder must produce from the bytes.
 *
 * @param tsMillis the event time, epoch milliseconds (the JSON {@code ts})
 * @param country ISO 3166-1 alpha-2 code, or {@code null} when the field is absent
 * @param device device name, or {@code null} when absent
 * @param price present (with at most 2 decimals, {@code >= 0}) iff the event is a purchase
 * @param age 0..120, or {@code null} when absent
 */
public record GeneratedEvent(
        String eventId,
        String userId,
        String itemId,
        String eventType,
        long tsMillis,
        String country,
        String device,
        Double price,
        Integer age) {

    public static final String IMPRESSION = "impression";
    public static final String CLICK = "click";
    public static final String PURCHASE = "purchase";

    /** The event types of the data contract. */
    public static final List<String> EVENT_TYPES = List.of(IMPRESSION, CLICK, PURCHASE);

    /** The event time as an instant. */
    public Instant eventTime() {
        return Instant.ofEpochMilli(tsMillis);
    }

    /** The UTC date of the event time: the {@code date=} partition the event belongs to. */
    public LocalDate eventDate() {
        return LocalDate.ofInstant(eventTime(), ZoneOffset.UTC);
    }
}
