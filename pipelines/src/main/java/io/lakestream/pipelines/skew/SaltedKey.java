package io.lakestream.pipelines.skew;

/**
 * Keys of salted keyed streams: a hot key is split over {@link #SALTS} sub-keys {@code
 * "<salt>:<key>"}, a record's salt a hash of its own id, so the same record always gets the same
 * sub-key (a retried record lands where it did) and the sub-keys share the key's records evenly. A
 * cold key is sub-key {@code 0}. The salt before the first colon makes every sub-key unambiguous
 * for any key.
 */
public final class SaltedKey {

    private SaltedKey() {}

    /**
     * Sub-keys per hot key: eight or more per subtask up to a parallelism of 16, so that the
     * sub-keys, hashed to key groups at random, load the subtasks evenly. A constant, as a record's
     * sub-key must not depend on where it is computed.
     */
    public static final int SALTS = 128;

    /** The salt of the record with id {@code recordId}, in {@code [0, SALTS)}. */
    public static int salt(String recordId) {
        int h = recordId.hashCode() * 0x9E3779B1; // spread ids that differ in their last chars
        return Math.floorMod(h ^ (h >>> 16), SALTS);
    }

    /** The sub-key {@code salt} of {@code key}. */
    public static String of(String key, int salt) {
        return salt + ":" + key;
    }

    /** The key of a sub-key made by {@link #of}. */
    public static String keyOf(String saltedKey) {
        return saltedKey.substring(saltedKey.indexOf(':') + 1);
    }

    /** The salt of a sub-key made by {@link #of}. */
    public static int saltOf(String saltedKey) {
        return Integer.parseInt(saltedKey, 0, saltedKey.indexOf(':'), 10);
    }
}
