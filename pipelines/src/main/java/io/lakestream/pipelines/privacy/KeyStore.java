package io.lakestream.pipelines.privacy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the per-user keys of crypto-shredding live, outside the lake: {@code user_id} is replaced
 * by {@code HMAC-SHA256(user_id, k_user)} (see {@link Pseudonymizer}), so deleting {@code k_user}
 * makes every row ever written for the user unlinkable to them, without rewriting the lake.
 *
 * <p>A forgotten user leaves a tombstone: the store never creates a key for them again, so a later
 * replay or backfill drops their events instead of giving them a fresh pseudonym.
 *
 * <p>Implementations are safe for concurrent use by many tasks and processes: two that ask for the
 * same new user's key at once get the same key, and a {@link #forget} racing a {@link #keyOf} ends
 * with the user forgotten and no key.
 *
 * <pre>{@code
 * try (KeyStore keys = KeyStores.open(".lakestream/keys.db")) {
 *     Optional<byte[]> k = keys.keyOf("u42");   // created on first use; empty once forgotten
 *     keys.forget("u42");
 * }
 * }</pre>
 */
public interface KeyStore extends AutoCloseable {

    /** Length of a user's key, in bytes (256 bits, the block of HMAC-SHA256's hash). */
    int KEY_BYTES = 32;

    /**
     * The user's key, created (random, {@link #KEY_BYTES} bytes) if the user has none; empty if the
     * user was forgotten.
     */
    Optional<byte[]> keyOf(String userId) throws KeyStoreException;

    /**
     * {@link #keyOf} for many users at once, in one transaction where the store has them: keys for
     * users known before a run (a migration, a bulk import, a benchmark's data) can be created
     * ahead of it, instead of one committed insert per user on a task's hot path. Forgotten users
     * map to empty, as in {@link #keyOf}; the map iterates in {@code userIds}' order, duplicates
     * once.
     */
    default Map<String, Optional<byte[]>> keysOf(Collection<String> userIds)
            throws KeyStoreException {
        Map<String, Optional<byte[]>> keys = new LinkedHashMap<>();
        for (String u : userIds) {
            keys.computeIfAbsent(u, this::keyOf);
        }
        return keys;
    }

    /** The user's key if it exists; never creates one (for readers and tests). */
    Optional<byte[]> existingKeyOf(String userId) throws KeyStoreException;

    /**
     * Deletes the user's key, if any, and records a tombstone so that no key is created for them
     * again. Forgetting a user twice, or one who never had a key, is allowed.
     */
    Forgetting forget(String userId) throws KeyStoreException;

    /** Whether {@link #forget} was called for the user. */
    boolean isForgotten(String userId) throws KeyStoreException;

    /** Where the keys are, without credentials (for messages). */
    String describe();

    @Override
    void close() throws KeyStoreException;

    /** What {@link #forget} found. */
    enum Forgetting {
        /** The user's key was deleted. */
        KEY_DELETED,
        /** The user had no key yet: the tombstone keeps one from being created. */
        NO_KEY,
        /** The user was forgotten before. */
        ALREADY_FORGOTTEN
    }
}
