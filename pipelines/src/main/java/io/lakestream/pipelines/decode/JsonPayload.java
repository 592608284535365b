package io.lakestream.pipelines.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The envelope every topic's record shares (DESIGN.md, "Data contract"): a non-empty, valid UTF-8
 * payload holding exactly one JSON object. Each decoder reads the object's fields its own way; the
 * reasons for a broken envelope are the same for all of them.
 */
final class JsonPayload {

    private static final JsonFactory JSON = new JsonFactory();

    /** Reads the fields of the object after its opening brace; returns null, or the reason. */
    @FunctionalInterface
    interface FieldReader {
        String readFields(JsonParser p) throws IOException;
    }

    private JsonPayload() {}

    /**
     * Checks the envelope of {@code value} around {@code fields}; null if whole, else the reason.
     */
    static String read(byte[] value, FieldReader fields) {
        if (value == null || value.length == 0) {
            return Reason.EMPTY + ": no payload";
        }
        if (!Utf8.isValid(value)) {
            return Reason.INVALID_UTF8 + ": payload is not valid UTF-8";
        }
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Reason.NOT_AN_OBJECT + ": payload is not a JSON object";
            }
            String bad = fields.readFields(p);
            if (bad != null) {
                return bad;
            }
            if (p.nextToken() != null) {
                return Reason.INVALID_JSON + ": data after the JSON object";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = msg.indexOf('\n');
            return Reason.INVALID_JSON + ": " + (nl > 0 ? msg.substring(0, nl) : msg);
        }
    }
}
