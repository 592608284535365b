package io.lakestream.pipelines.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a user id into its pseudonym, {@code HMAC-SHA256(user_id, k_user)} over the id's UTF-8
 * bytes, written as 64 lowercase hex digits (hex rather than base64url: it sorts, compares and
 * pastes the same in every SQL engine and shell). The same user has the same pseudonym in every run
 * as long as the key store keeps the key; once it is deleted nobody can link the pseudonym back,
 * nor compute it again.
 *
 * <p>One instance per task (it is not thread-safe). It keeps the pseudonyms of the last {@code
 * cacheUsers} users it saw, forgotten users included, for {@code ttl} milliseconds: after warm-up
 * an event costs a map lookup, not a round trip to the key store. The time-to-live bounds how long
 * a running stream goes on using the key of a user forgotten meanwhile.
 *
 * <pre>{@code
 * Pseudonymizer p = new Pseudonymizer(KeyStores.open(".lakestream/keys.db"), 100_000, 600_000);
 * Optional<String> pseudonym = p.pseudonymOf("u42"); // empty: the user was forgotten
 * }</pre>
 */
public final class Pseudonymizer implements AutoCloseable {

    public static final String ALGORITHM = "HmacSHA256";

    /** Users whose pseudonyms a task keeps by default. */
    public static final int DEFAULT_CACHE_USERS = 500_000;

    /** How long by default a task trusts a cached pseudonym: 10 minutes. */
    public static final long DEFAULT_TTL_MILLIS = 600_000L;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The cache's mark of a forgotten user. */
    private static final String FORGOTTEN = new String("forgotten");

    private final KeyStore store;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final Mac mac;
    private final Map<String, Cached> cache;
    private long storeLookups;

    public Pseudonymizer(KeyStore store, int cacheUsers, long ttlMillis) {
        this(store, cacheUsers, ttlMillis, System::currentTimeMillis);
    }

    Pseudonymizer(KeyStore store, int cacheUsers, long ttlMillis, LongSupplier clock) {
        if (cacheUsers < 1 || ttlMillis < 1) {
            throw new IllegalArgumentException("cacheUsers and ttlMillis must be positive");
        }
        this.store = store;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.mac = newMac();
        this.cache =
                new LinkedHashMap<>(Math.min(cacheUsers, 1 << 16), 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                        return size() > cacheUsers;
                    }
                };
    }

    /** The user's pseudonym (creating the user's key on first sight); empty once forgotten. */
    public Optional<String> pseudonymOf(String userId) {
        long now = clock.getAsLong();
        Cached c = cache.get(userId);
        if (c == null || now - c.since >= ttlMillis) {
            storeLookups++;
            Optional<byte[]> key = store.keyOf(userId);
            c = new Cached(key.map(k -> hmac(mac, userId, k)).orElse(FORGOTTEN), now);
            cache.put(userId, c);
        }
        return c.pseudonym == FORGOTTEN ? Optional.empty() : Optional.of(c.pseudonym);
    }

    /** How often this instance asked the key store (the cache's misses and expiries). */
    public long storeLookups() {
        return storeLookups;
    }

    /** {@code HMAC-SHA256(userId, key)} as 64 lowercase hex digits. */
    public static String pseudonym(String userId, byte[] key) {
        return hmac(newMac(), userId, key);
    }

    private static String hmac(Mac mac, String userId, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a key of " + key.length + " bytes was refused", e);
        }
        byte[] h = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[h.length * 2];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = HEX[(h[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[h[i] & 0xf];
        }
        return new String(out);
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private record Cached(String pseudonym, long since) {}
}
