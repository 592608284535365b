package io.lakestream.deploy.generate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A producer whose schema changes from some event time on, to show what data-quality rules catch
 * ({@code generate --drift KIND --drift-from TIME}). It consumes no random numbers, so every other
 * record of a seed stays byte for byte the same, and the ground truth follows the bytes:
 *
 * <ul>
 *   <li>{@code prices-in-cents}: purchases carry their price in cents (a hundred times the euros):
 *       valid under the data contract, so only a partition rule (a mean) sees it;
 *   <li>{@code age-as-birth-date}: {@code age} is sent as the birth date ({@code "1990-05-17"}), a
 *       string: the contract quarantines those records (malformed, {@link MalformedKind#BAD_TYPE}).
 * </ul>
 */
public record SchemaDrift(Kind kind, long fromMillis) {

    /** What changes. */
    public enum Kind {
        NONE("none"),
        PRICES_IN_CENTS("prices-in-cents"),
        AGE_AS_BIRTH_DATE("age-as-birth-date");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The kind named {@code label}; one line listing the kinds otherwise. */
        public static Kind parse(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label) && k != NONE) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "--drift must be one of "
                            + Arrays.stream(values())
                                    .filter(k -> k != NONE)
                                    .map(Kind::label)
                                    .collect(Collectors.joining(", "))
                            + " (got '"
                            + label
                            + "')");
        }
    }

    /** No drift: the generator as before. */
    public static final SchemaDrift NONE = new SchemaDrift(Kind.NONE, Long.MAX_VALUE);

    public SchemaDrift {
        if (kind == null) {
            throw new IllegalArgumentException("a drift needs a kind");
        }
    }

    /** {@code kind} for events at or after {@code from}. */
    public static SchemaDrift of(Kind kind, Instant from) {
        return new SchemaDrift(kind, from.toEpochMilli());
    }

    private boolean applies(GeneratedEvent e) {
        return kind != Kind.NONE && e.tsMillis() >= fromMillis;
    }

    /** The event as the drifted producer describes it (prices in cents). */
    GeneratedEvent apply(GeneratedEvent e) {
        if (kind != Kind.PRICES_IN_CENTS || !applies(e) || e.price() == null) {
            return e;
        }
        return new GeneratedEvent(
                e.eventId(),
                e.userId(),
                e.itemId(),
                e.eventType(),
                e.tsMillis(),
                e.country(),
                e.device(),
                (double) Math.round(e.price() * 100),
                e.age());
    }

    /**
     * The value of a record whose schema drifted so that the contract refuses it (age as a birth
     * date), or null when the event is sent as usual.
     */
    byte[] breaking(GeneratedEvent e, String session, EventJson json) {
        if (kind != Kind.AGE_AS_BIRTH_DATE || !applies(e) || e.age() == null) {
            return null;
        }
        var day = Instant.ofEpochMilli(e.tsMillis()).atZone(ZoneOffset.UTC).toLocalDate();
        String birth = String.format(Locale.ROOT, "\"%s\"", day.minusYears(e.age()));
        return json.json(e, session, "age", birth).getBytes(StandardCharsets.ISO_8859_1);
    }
}
