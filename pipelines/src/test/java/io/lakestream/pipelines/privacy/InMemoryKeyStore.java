package io.lakestream.pipelines.privacy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link KeyStore} fake for unit tests: deterministic keys, and a count of its calls. */
final class InMemoryKeyStore implements KeyStore {

    private final Map<String, byte[]> keys = new HashMap<>();
    private final Set<String> forgotten = new HashSet<>();
    int keyOfCalls;
    boolean closed;

    @Override
    public synchronized Optional<byte[]> keyOf(String userId) {
        keyOfCalls++;
        if (forgotten.contains(userId)) {
            return Optional.empty();
        }
        return Optional.of(keys.computeIfAbsent(userId, InMemoryKeyStore::keyFor));
    }

    /** The key this fake gives a user: 32 bytes derived from the id, so tests can predict it. */
    static byte[] keyFor(String userId) {
        byte[] k = new byte[KEY_BYTES];
        byte[] id = userId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 7 + (id.length == 0 ? 0 : id[i % id.length]));
        }
        return k;
    }

    @Override
    public synchronized Optional<byte[]> existingKeyOf(String userId) {
        return Optional.ofNullable(keys.get(userId));
    }

    @Override
    public synchronized Forgetting forget(String userId) {
        if (!forgotten.add(userId)) {
            return Forgetting.ALREADY_FORGOTTEN;
        }
        return keys.remove(userId) != null ? Forgetting.KEY_DELETED : Forgetting.NO_KEY;
    }

    @Override
    public synchronized boolean isForgotten(String userId) {
        return forgotten.contains(userId);
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public void close() {
        closed = true;
    }
}
