package io.lakestream.pipelines.privacy;

import io.lakestream.pipelines.model.QuarantineRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pseudonymizes the user ids found in quarantined raw payloads: every {@code "user_id": "..."} of
 * the text, whether or not the rest is valid JSON, gets the user's pseudonym in place; a record of
 * a forgotten user is dropped and counted in {@link #FORGOTTEN}. The payload is otherwise kept as
 * it came, so the quarantine stays useful for finding out what broke.
 *
 * <p>What it cannot find stays in clear: a user id in a payload that is not UTF-8 text (kept as
 * base64), under a mangled field name, or in a value with escapes other than {@code \"} and {@code
 * \\}. The README lists this among the residual risks. Uid {@code pseudonymize-quarantine}.
 */
public final class PseudonymizeQuarantine extends UserPseudonymization<QuarantineRecord> {

    private static final long serialVersionUID = 1L;

    public static final String FORGOTTEN = "forgotten_user_quarantined";

    private static final Pattern USER_ID =
            Pattern.compile("(\"user_id\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\[\"\\\\])*)\"");

    public PseudonymizeQuarantine(String keyStore) {
        super(keyStore, FORGOTTEN);
    }

    @Override
    protected boolean pseudonymize(QuarantineRecord q, Pseudonymizer p) {
        if (q.raw == null || !"utf8".equals(q.rawEncoding)) {
            return true;
        }
        String rewritten = rewrite(q.raw, p);
        if (rewritten == null) {
            return false;
        }
        q.raw = rewritten;
        return true;
    }

    /** {@code raw} with each user id replaced, or null if one of them is a forgotten user's. */
    static String rewrite(String raw, Pseudonymizer p) {
        Matcher m = USER_ID.matcher(raw);
        if (!m.find()) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 64);
        do {
            String userId = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
            String pseudonym = p.pseudonymOf(userId).orElse(null);
            if (pseudonym == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + pseudonym + "\""));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
