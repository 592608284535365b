package io.lakestream.deploy.generate;

/**
 * How a {@link RecordKind#MALFORMED} record breaks the data contract, so that a quarantine test can
 * check that every kind of breakage is caught (and with which reason).
 */
public enum MalformedKind {
    /** Not a JSON object at all: a truncated object, garbage text or single-quoted names. */
    BROKEN_JSON,
    /** A required field is absent ({@code price} counts as required for a purchase). */
    MISSING_FIELD,
    /** A field has the wrong JSON type: ts as a number, price or age as a string, ... */
    BAD_TYPE,
    /** Types are right but a rule is broken: age 200, negative price, unknown event_type, ... */
    OUT_OF_RANGE,
    /** Otherwise valid JSON containing bytes that are not valid UTF-8 inside a string. */
    INVALID_UTF8
}
