package io.lakestream.pipelines.privacy;

import io.lakestream.pipelines.model.ProfileVersion;
import java.util.Optional;

/**
 * Pseudonymizes the {@code users} changelog with the same keys as the events, so that joins by user
 * still match; versions of forgotten users are dropped and counted in {@link #FORGOTTEN}. Broken
 * versions (on their way to {@code _quarantine}) pass unchanged: {@link PseudonymizeQuarantine}
 * takes care of them. Uid {@code pseudonymize-profiles}.
 */
public final class PseudonymizeProfiles extends UserPseudonymization<ProfileVersion> {

    private static final long serialVersionUID = 1L;

    public static final String FORGOTTEN = "forgotten_user_profiles";

    /** See {@link UserPseudonymization#UserPseudonymization(String, int, String)}. */
    public PseudonymizeProfiles(String keyStore, int cacheUsers) {
        super(keyStore, cacheUsers, FORGOTTEN);
    }

    @Override
    protected boolean pseudonymize(ProfileVersion v, Pseudonymizer p) {
        if (v.quarantine != null || v.userId == null) {
            return true;
        }
        Optional<String> pseudonym = p.pseudonymOf(v.userId);
        pseudonym.ifPresent(u -> v.userId = u);
        return pseudonym.isPresent();
    }
}
