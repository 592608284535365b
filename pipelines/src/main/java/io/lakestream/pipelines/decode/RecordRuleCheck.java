package io.lakestream.pipelines.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.lake.quality.RecordRules;
import io.lakestream.pipelines.model.Event;
import java.io.IOException;

/**
 * Applies the user's record rules to a decoded event: columns by their {@code events} table names,
 * and, only when a {@code type} rule asks, the JSON types of the payload's fields (one tree parse
 * of a record that already passed the contract, so the contract's streaming decode stays free of
 * it).
 */
final class RecordRuleCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordRuleCheck() {}

    /** Null if {@code e} meets every rule, else the quarantine reason. */
    static String check(RecordRules rules, Event e, byte[] payload) {
        JsonNode[] tree = {null};
        return rules.check(
                column -> column(e, column),
                field -> {
                    if (tree[0] == null) {
                        try {
                            tree[0] = JSON.readTree(payload);
                        } catch (IOException ex) {
                            return null; // cannot happen: the contract parsed it
                        }
                    }
                    return jsonType(tree[0].get(field));
                });
    }

    /** The value of the {@code events} column {@code name} (as the table stores it). */
    static Object column(Event e, String name) {
        return switch (name) {
            case "event_id" -> e.eventId;
            case "user_id" -> e.userId;
            case "item_id" -> e.itemId;
            case "event_type" -> e.eventType;
            case "event_time" -> e.ts;
            case "country" -> e.country;
            case "device" -> e.device;
            case "price" -> e.price;
            case "age" -> e.age;
            default -> null;
        };
    }

    private static String jsonType(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return n.isObject() ? "object" : n.isArray() ? "array" : n.getNodeType().name();
    }
}
