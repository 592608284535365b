package io.lakestream.pipelines.privacy;

import io.lakestream.pipelines.model.Event;
import java.util.Optional;

/**
 * Pseudonymizes {@link Event#userId}; the events of forgotten users are dropped and counted in
 * {@link #FORGOTTEN}. Uid {@code pseudonymize-events}.
 */
public final class PseudonymizeEvents extends UserPseudonymization<Event> {

    private static final long serialVersionUID = 1L;

    /** The run counter of the valid events dropped because their user was forgotten. */
    public static final String FORGOTTEN = "forgotten_user_events";

    /** See {@link UserPseudonymization#UserPseudonymization(String, int, String)}. */
    public PseudonymizeEvents(String keyStore, int cacheUsers) {
        super(keyStore, cacheUsers, FORGOTTEN);
    }

    @Override
    protected boolean pseudonymize(Event e, Pseudonymizer p) {
        Optional<String> pseudonym = p.pseudonymOf(e.userId);
        pseudonym.ifPresent(u -> e.userId = u);
        return pseudonym.isPresent();
    }
}
