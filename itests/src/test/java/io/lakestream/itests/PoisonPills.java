package io.lakestream.itests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A catalogue of records that break the data contract of DESIGN.md, each with the reason code that
 * the contract (docs: Reason codes) gives it: bytes that are not text, text that is not JSON, JSON
 * that is not an event, and one event per rule it breaks. Written by hand from the contract, not
 * from the decoder.
 */
final class PoisonPills {

    /** One bad record: what it is, its value ({@code null}: a tombstone) and its reason code. */
    record Pill(String name, byte[] value, String code) {
        @Override
        public String toString() {
            return name + " (" + (value == null ? "null" : value.length + " bytes") + ")";
        }
    }

    /** Size of the large record: 10 MiB. */
    static final int LARGE = 10 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PoisonPills() {}

    /** Every pill; {@code seed} makes the garbage reproducible. */
    static List<Pill> all(long seed) {
        List<Pill> p = new ArrayList<>();
        byte[] garbage = new byte[512];
        new Random(seed).nextBytes(garbage);
        garbage[0] = (byte) 0xFF; // never a UTF-8 byte: the garbage is certainly not text
        p.add(new Pill("garbage bytes", garbage, "invalid_utf8"));
        p.add(new Pill("control characters", bytes("\u0000\u0001\u0002 ~~"), "invalid_json"));
        byte[] good = event(e -> {});
        p.add(new Pill("truncated JSON", Arrays.copyOf(good, good.length / 2), "invalid_json"));
        p.add(
                new Pill(
                        "JSON cut before the brace",
                        bytes(text(good).replace("}", "")),
                        "invalid_json"));
        p.add(new Pill("data after the object", bytes(text(good) + "{}"), "invalid_json"));
        p.add(new Pill("10 MiB record", large(), "missing_field"));
        p.add(new Pill("invalid UTF-8 in a string", invalidUtf8(good), "invalid_utf8"));
        p.add(new Pill("empty value", new byte[0], "empty"));
        p.add(new Pill("tombstone (null value)", null, "empty"));
        p.add(new Pill("a JSON array", bytes("[1,2,3]"), "not_an_object"));
        p.add(new Pill("a JSON string", bytes("\"an event\""), "not_an_object"));
        p.add(new Pill("a JSON number", bytes("42"), "not_an_object"));
        for (String field : List.of("event_id", "user_id", "item_id", "event_type", "ts")) {
            p.add(new Pill("no " + field, event(e -> e.remove(field)), "missing_field"));
            p.add(new Pill(field + " null", event(e -> e.putNull(field)), "missing_field"));
        }
        p.add(new Pill("empty event_id", event(e -> e.put("event_id", "")), "missing_field"));
        p.add(new Pill("event_id a number", event(e -> e.put("event_id", 7)), "bad_type"));
        p.add(new Pill("user_id an object", event(e -> e.putObject("user_id")), "bad_type"));
        p.add(new Pill("ts a number", event(e -> e.put("ts", 1_700_000_000_000L)), "bad_type"));
        p.add(
                new Pill(
                        "price a string",
                        event(e -> e.put("event_type", "purchase").put("price", "9.99")),
                        "bad_type"));
        p.add(new Pill("age a fraction", event(e -> e.put("age", 3.5)), "bad_type"));
        p.add(new Pill("country a number", event(e -> e.put("country", 49)), "bad_type"));
        p.add(
                new Pill(
                        "ts without milliseconds",
                        event(e -> e.put("ts", "2026-11-01T10:15:30Z")),
                        "bad_timestamp"));
        p.add(
                new Pill(
                        "ts with an offset",
                        event(e -> e.put("ts", "2026-11-01T10:15:30.123+01:00")),
                        "bad_timestamp"));
        p.add(new Pill("ts not a time", event(e -> e.put("ts", "yesterday")), "bad_timestamp"));
        p.add(
                new Pill(
                        "unknown event_type",
                        event(e -> e.put("event_type", "view")),
                        "out_of_range"));
        p.add(
                new Pill(
                        "purchase without price",
                        event(e -> e.put("event_type", "purchase")),
                        "missing_field"));
        p.add(new Pill("click with a price", event(e -> e.put("price", 1.5)), "out_of_range"));
        p.add(
                new Pill(
                        "negative price",
                        event(e -> e.put("event_type", "purchase").put("price", -0.01)),
                        "out_of_range"));
        p.add(new Pill("age 121", event(e -> e.put("age", 121)), "out_of_range"));
        p.add(new Pill("age -1", event(e -> e.put("age", -1)), "out_of_range"));
        p.add(new Pill("age beyond an int", event(e -> e.put("age", 1L << 40)), "out_of_range"));
        p.add(
                new Pill(
                        "country of three letters",
                        event(e -> e.put("country", "USA")),
                        "out_of_range"));
        p.add(
                new Pill(
                        "country in lower case",
                        event(e -> e.put("country", "de")),
                        "out_of_range"));
        return p;
    }

    /** A valid click, changed by {@code change}. */
    private static byte[] event(Consumer<ObjectNode> change) {
        ObjectNode e = JSON.createObjectNode();
        e.put("event_id", "poison-event");
        e.put("user_id", "u-poison");
        e.put("item_id", "i-poison");
        e.put("event_type", "click");
        e.put("ts", "2026-11-01T10:15:30.123Z");
        e.put("country", "DE");
        change.accept(e);
        try {
            return JSON.writeValueAsBytes(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /** A 10 MiB JSON object without an event_id: one huge unknown field. */
    private static byte[] large() {
        String head = "{\"user_id\":\"u-poison\",\"blob\":\"";
        String tail = "\"}";
        byte[] b = new byte[LARGE];
        byte[] h = bytes(head);
        byte[] t = bytes(tail);
        System.arraycopy(h, 0, b, 0, h.length);
        Arrays.fill(b, h.length, LARGE - t.length, (byte) 'x');
        System.arraycopy(t, 0, b, LARGE - t.length, t.length);
        return b;
    }

    /** {@code good} with the device field holding C3 28 (a lead byte, then no continuation). */
    private static byte[] invalidUtf8(byte[] good) {
        String s = text(good);
        byte[] head = bytes(s.substring(0, s.length() - 1) + ",\"device\":\"bad");
        byte[] tail = bytes("\"}");
        byte[] b = Arrays.copyOf(head, head.length + 2 + tail.length);
        b[head.length] = (byte) 0xC3;
        b[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, b, head.length + 2, tail.length);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
