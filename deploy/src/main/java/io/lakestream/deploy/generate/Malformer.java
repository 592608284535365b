package io.lakestream.deploy.generate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Turns an event into a record that breaks exactly one rule of the data contract, in the ways real
 * producers do (truncation, a missing or mistyped field, an out-of-range value, a bad byte), so
 * that quarantine is tested on near misses rather than on obvious garbage only.
 */
final class Malformer {
    private static final String[] REQUIRED = {
        "event_id", "user_id", "item_id", "event_type", "ts", "price"
    };
    private static final String[] BAD_EVENT_TYPES = {"view", "add_to_cart"};
    private static final String[] BAD_COUNTRIES = {"USA", "DEU", "FRA"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC3, 0x28}};
    private static final String[] UTF8_FIELDS = {"user_id", "item_id", "device"};

    private Malformer() {}

    /** The bytes of a record that breaks the contract in the way {@code kind} says. */
    static byte[] corrupt(
            MalformedKind kind, GeneratedEvent e, EventJson json, SplittableRandom r) {
        return switch (kind) {
            case BROKEN_JSON -> utf8(brokenJson(e, json, r));
            case MISSING_FIELD -> {
                String field = REQUIRED[r.nextInt(REQUIRED.length)];
                yield utf8(json.json(field.equals("price") ? purchase(e) : e, null, field, null));
            }
            case BAD_TYPE -> utf8(badType(e, json, r));
            case OUT_OF_RANGE -> utf8(outOfRange(e, json, r));
            case INVALID_UTF8 -> invalidUtf8(e, json, r);
        };
    }

    private static String brokenJson(GeneratedEvent e, EventJson json, SplittableRandom r) {
        String valid = json.json(e, null, null, null);
        return switch (r.nextInt(3)) {
            // any strict prefix of an object without whitespace lacks its closing brace
            case 0 -> valid.substring(0, 1 + r.nextInt(valid.length() - 1));
            case 1 -> "<event id=\"" + e.eventId() + "\"/>";
            default -> valid.replace('"', '\'');
        };
    }

    private static String badType(GeneratedEvent e, EventJson json, SplittableRandom r) {
        int age = e.age() == null ? 30 : e.age();
        return switch (r.nextInt(6)) {
            case 0 -> json.json(e, null, "ts", Long.toString(e.tsMillis()));
            case 1 -> {
                GeneratedEvent p = purchase(e);
                yield json.json(p, null, "price", quote(EventJson.decimal(p.price())));
            }
            case 2 -> json.json(e, null, "age", quote(Integer.toString(age)));
            case 3 -> json.json(e, null, "age", age + ".5");
            case 4 -> json.json(e, null, "event_id", Long.toString(r.nextLong() >>> 1));
            default -> json.json(e, null, "user_id", e.userId().substring(1));
        };
    }

    private static String outOfRange(GeneratedEvent e, EventJson json, SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> {
                int age = r.nextBoolean() ? 121 + r.nextInt(100) : -1 - r.nextInt(5);
                yield json.json(e, null, "age", Integer.toString(age));
            }
            case 1 -> {
                GeneratedEvent p = purchase(e);
                double price = Math.max(0.01, p.price());
                yield json.json(p, null, "price", "-" + EventJson.decimal(price));
            }
            case 2 -> {
                String type = BAD_EVENT_TYPES[r.nextInt(BAD_EVENT_TYPES.length)];
                yield json.json(e, null, "event_type", quote(type));
            }
            case 3 -> json.json(e, null, "ts", quote(notIso(json.ts(e.tsMillis()), r)));
            default -> {
                String country = BAD_COUNTRIES[r.nextInt(BAD_COUNTRIES.length)];
                yield json.json(e, null, "country", quote(country));
            }
        };
    }

    /** Rewrites {@code 2026-11-20T10:15:30.123Z} into a form that is not ISO-8601. */
    private static String notIso(String iso, SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> iso.substring(0, 10) + " " + iso.substring(11, 23); // no T, no zone
            case 1 ->
                    iso.substring(8, 10)
                            + "/"
                            + iso.substring(5, 7)
                            + "/"
                            + iso.substring(0, 4)
                            + " "
                            + iso.substring(11, 19);
            default -> "yesterday";
        };
    }

    private static byte[] invalidUtf8(GeneratedEvent e, EventJson json, SplittableRandom r) {
        String field = UTF8_FIELDS[r.nextInt(UTF8_FIELDS.length)];
        String base =
                switch (field) {
                    case "user_id" -> e.userId();
                    case "item_id" -> e.itemId();
                    default -> e.device() == null ? "web" : e.device();
                };
        // NUL cannot occur in our JSON: it marks where the bad bytes go
        byte[] marked = utf8(json.json(e, null, field, quote(base + '\0')));
        byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
        byte[] out = new byte[marked.length - 1 + bad.length];
        int at = indexOf(marked, (byte) 0);
        System.arraycopy(marked, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(marked, at + 1, out, at + bad.length, marked.length - at - 1);
        return out;
    }

    /** {@code e} as a purchase with a positive price, for breakages that concern the price. */
    private static GeneratedEvent purchase(GeneratedEvent e) {
        return new GeneratedEvent(
                e.eventId(),
                e.userId(),
                e.itemId(),
                GeneratedEvent.PURCHASE,
                e.tsMillis(),
                e.country(),
                e.device(),
                e.price() != null && e.price() > 0 ? e.price() : 9.99,
                e.age());
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
