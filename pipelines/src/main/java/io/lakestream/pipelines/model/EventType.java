package io.lakestream.pipelines.model;

/** The event types of the data contract. */
public final class EventType {
    public static final String IMPRESSION = "impression";
    public static final String CLICK = "click";
    public static final String PURCHASE = "purchase";

    private EventType() {}

    public static boolean isValid(String type) {
        return IMPRESSION.equals(type) || CLICK.equals(type) || PURCHASE.equals(type);
    }
}
