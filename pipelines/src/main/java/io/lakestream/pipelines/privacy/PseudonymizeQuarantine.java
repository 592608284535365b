package io.lakestream.pipelines.privacy;

import io.lakestream.pipelines.model.QuarantineRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pseudonymizes the user ids found in quarantined raw payloads, whether or not the rest is valid
 * JSON: each {@code user_id} field (double- or single-quoted, with a string or a number value) gets
 * the user's pseudonym in place, and a value cut off by the end of the payload, which names no user
 * for sure, becomes {@value #REDACTED}. A record of a forgotten user is dropped and counted in
 * {@link #FORGOTTEN}. The payload is otherwise kept as it came, so the quarantine stays useful for
 * finding out what broke. A payload that is not UTF-8 (kept as base64) is searched byte by byte the
 * same way; there, a value that is not plain ASCII is redacted.
 *
 * <p>What it cannot find stays in clear: a user id under a mangled field name, or anywhere else in
 * the text. The README lists this among the residual risks. Uid {@code pseudonymize-quarantine}.
 */
public final class PseudonymizeQuarantine extends UserPseudonymization<QuarantineRecord> {

    private static final long serialVersionUID = 1L;

    public static final String FORGOTTEN = "forgotten_user_quarantined";

    /** What replaces a user id that cannot be attributed to a user. */
    public static final String REDACTED = "[redacted]";

    /**
     * Group 1: the field name and colon; then one of: 2 a double-quoted value (3: its closing
     * quote, empty when the payload ends first), 4 a single-quoted value (5: its closing quote), 6
     * a number.
     */
    private static final Pattern USER_ID =
            Pattern.compile(
                    "([\"']user_id[\"']\\s*:\\s*)(?:\"((?:[^\"\\\\]|\\\\.)*)(\"|\\\\?$)"
                            + "|'([^']*)('|$)|(-?[0-9][0-9.eE+-]*))");

    /** See {@link UserPseudonymization#UserPseudonymization(String, int, String)}. */
    public PseudonymizeQuarantine(String keyStore, int cacheUsers) {
        super(keyStore, cacheUsers, FORGOTTEN);
    }

    @Override
    protected boolean pseudonymize(QuarantineRecord q, Pseudonymizer p) {
        if (q.raw == null) {
            return true;
        }
        if ("base64".equals(q.rawEncoding)) {
            String bytes;
            try {
                bytes = new String(Base64.getDecoder().decode(q.raw), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException e) {
                return true;
            }
            String rewritten = rewrite(bytes, p, true);
            if (rewritten == null) {
                return false;
            }
            if (!rewritten.equals(bytes)) {
                q.raw =
                        Base64.getEncoder()
                                .encodeToString(rewritten.getBytes(StandardCharsets.ISO_8859_1));
            }
            return true;
        }
        String rewritten = rewrite(q.raw, p, false);
        if (rewritten == null) {
            return false;
        }
        q.raw = rewritten;
        return true;
    }

    /** {@code raw} with each user id replaced, or null if one of them is a forgotten user's. */
    static String rewrite(String raw, Pseudonymizer p) {
        return rewrite(raw, p, false);
    }

    private static String rewrite(String raw, Pseudonymizer p, boolean asciiOnly) {
        Matcher m = USER_ID.matcher(raw);
        if (!m.find()) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 64);
        do {
            String replacement;
            if (m.group(2) != null) {
                String value = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
                replacement = quoted('"', value, m.group(3).equals("\""), p, asciiOnly);
            } else if (m.group(4) != null) {
                replacement = quoted('\'', m.group(4), m.group(5).equals("'"), p, asciiOnly);
            } else {
                replacement = quoted('"', m.group(6), true, p, asciiOnly);
            }
            if (replacement == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + replacement));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** The value's replacement in quotes; null for a forgotten user. */
    private static String quoted(
            char quote, String value, boolean complete, Pseudonymizer p, boolean asciiOnly) {
        String replacement;
        if (!complete || (asciiOnly && !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            replacement = REDACTED;
        } else {
            replacement = p.pseudonymOf(value).orElse(null);
            if (replacement == null) {
                return null;
            }
        }
        return quote + replacement + quote;
    }
}
