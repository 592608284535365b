package io.lakestream.deploy.generate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data contract of DESIGN.md written out independently of the generator (plain Java and
 * Jackson): the oracle that says whether a record value is valid, and if not, why.
 */
final class ContractCheck {
    static final ObjectMapper STRICT =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final List<String> REQUIRED =
            List.of("event_id", "user_id", "item_id", "event_type", "ts");
    private static final Set<String> TYPES = Set.of("impression", "click", "purchase");
    private static final Pattern TS =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern ALPHA2 = Pattern.compile("[A-Z]{2}");

    private ContractCheck() {}

    /**
     * {@code null} if {@code value} is valid; otherwise {@code utf8}, {@code json}, or {@code
     * missing:F}, {@code type:F}, {@code range:F} for the first offending field F.
     */
    static String violation(byte[] value) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            return "utf8";
        }
        JsonNode n;
        try {
            n = STRICT.readTree(value);
        } catch (IOException e) {
            return "json";
        }
        if (n == null || !n.isObject()) {
            return "json";
        }
        for (String f : REQUIRED) {
            if (!n.has(f)) {
                return "missing:" + f;
            }
            if (!n.get(f).isTextual()) {
                return "type:" + f;
            }
        }
        if (!TYPES.contains(n.get("event_type").textValue())) {
            return "range:event_type";
        }
        String ts = n.get("ts").textValue();
        if (!TS.matcher(ts).matches()) {
            return "range:ts";
        }
        try {
            Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return "range:ts";
        }
        boolean purchase = n.get("event_type").textValue().equals("purchase");
        JsonNode price = n.get("price");
        if (purchase && price == null) {
            return "missing:price";
        }
        if (price != null) {
            if (!price.isNumber()) {
                return "type:price";
            }
            if (!purchase || price.doubleValue() < 0) {
                return "range:price";
            }
        }
        JsonNode country = n.get("country");
        if (country != null) {
            if (!country.isTextual()) {
                return "type:country";
            }
            if (!ALPHA2.matcher(country.textValue()).matches()) {
                return "range:country";
            }
        }
        if (n.has("device") && !n.get("device").isTextual()) {
            return "type:device";
        }
        JsonNode age = n.get("age");
        if (age != null) {
            if (!age.isIntegralNumber()) {
                return "type:age";
            }
            if (age.asLong() < 0 || age.asLong() > 120) {
                return "range:age";
            }
        }
        return null;
    }
}
