package io.lakestream.pipelines.decode;

/**
 * The codes that start every quarantine reason ({@code <code>: <detail>}); stable, so that users
 * can count and filter {@code _quarantine} by them.
 */
public final class Reason {
    public static final String EMPTY = "empty";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String INVALID_JSON = "invalid_json";
    public static final String NOT_AN_OBJECT = "not_an_object";
    public static final String MISSING_FIELD = "missing_field";
    public static final String BAD_TYPE = "bad_type";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    public static final String OUT_OF_RANGE = "out_of_range";

    private Reason() {}

    /** The code of a reason string. */
    public static String codeOf(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }
}
