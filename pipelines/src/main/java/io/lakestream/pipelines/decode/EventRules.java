package io.lakestream.pipelines.decode;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;

/** The value rules of the data contract, checked once every field has been read. */
final class EventRules {
    private EventRules() {}

    /** Null if {@code e} satisfies the contract, else the reason. */
    static String check(Event e) {
        if (isBlank(e.eventId)) {
            return missing("event_id");
        }
        if (isBlank(e.userId)) {
            return missing("user_id");
        }
        if (isBlank(e.itemId)) {
            return missing("item_id");
        }
        if (isBlank(e.eventType)) {
            return missing("event_type");
        }
        if (e.ts == Timestamps.ABSENT) {
            return missing("ts");
        }
        if (!EventType.isValid(e.eventType)) {
            return Reason.OUT_OF_RANGE + ": event_type must be one of impression, click, purchase";
        }
        if (EventType.PURCHASE.equals(e.eventType)) {
            if (e.price == null) {
                return Reason.MISSING_FIELD + ": price is required for a purchase";
            }
        } else if (e.price != null) {
            return Reason.OUT_OF_RANGE + ": price is only allowed on a purchase";
        }
        if (e.price != null && (e.price < 0 || e.price.isNaN() || e.price.isInfinite())) {
            return Reason.OUT_OF_RANGE + ": price must be a number >= 0";
        }
        if (e.age != null && (e.age < 0 || e.age > 120)) {
            return Reason.OUT_OF_RANGE + ": age must be 0..120";
        }
        if (e.country != null && !isAlpha2(e.country)) {
            return Reason.OUT_OF_RANGE + ": country must be an ISO 3166-1 alpha-2 code";
        }
        return null;
    }

    private static String missing(String field) {
        return Reason.MISSING_FIELD + ": " + field;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    private static boolean isAlpha2(String s) {
        return s.length() == 2
                && s.charAt(0) >= 'A'
                && s.charAt(0) <= 'Z'
                && s.charAt(1) >= 'A'
                && s.charAt(1) <= 'Z';
    }
}
