package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyStore} must do, run against each real implementation by a subclass that says
 * where a fresh, empty store is ({@link #location()}).
 */
abstract class KeyStoreContract {

    /** A location for a new, empty store; every store opened on it shares the same keys. */
    abstract String location();

    @Test
    void aKeyIsCreatedOnceAndKeptAcrossConnections() {
        byte[] first;
        try (KeyStore keys = KeyStores.open(location())) {
            assertThat(keys.existingKeyOf("u1")).isEmpty();
            first = keys.keyOf("u1").orElseThrow();
            assertThat(first).hasSize(KeyStore.KEY_BYTES);
            assertThat(keys.keyOf("u1").orElseThrow()).isEqualTo(first);
            assertThat(keys.keyOf("u2").orElseThrow()).isNotEqualTo(first);
        }
        try (KeyStore again = KeyStores.open(location())) {
            assertThat(again.existingKeyOf("u1"))
                    .hasValueSatisfying(k -> assertThat(k).isEqualTo(first));
            assertThat(again.isForgotten("u1")).isFalse();
        }
    }

    @Test
    void aForgottenUserHasNoKeyAndNeverGetsOneAgain() {
        try (KeyStore keys = KeyStores.open(location())) {
            keys.keyOf("u1");
            keys.keyOf("u2");
            assertThat(keys.forget("u1")).isEqualTo(KeyStore.Forgetting.KEY_DELETED);
            assertThat(keys.isForgotten("u1")).isTrue();
            assertThat(keys.existingKeyOf("u1")).isEmpty();
            assertThat(keys.keyOf("u1")).isEmpty();
            assertThat(keys.forget("u1")).isEqualTo(KeyStore.Forgetting.ALREADY_FORGOTTEN);
            assertThat(keys.keyOf("u2")).isPresent();
            assertThat(keys.isForgotten("u2")).isFalse();
        }
        try (KeyStore again = KeyStores.open(location())) {
            assertThat(again.keyOf("u1")).isEmpty();
            assertThat(again.isForgotten("u1")).isTrue();
        }
    }

    @Test
    void forgettingAUserWithoutAKeyKeepsOneFromBeingCreated() {
        try (KeyStore keys = KeyStores.open(location())) {
            assertThat(keys.forget("never-seen")).isEqualTo(KeyStore.Forgetting.NO_KEY);
            assertThat(keys.keyOf("never-seen")).isEmpty();
            assertThat(keys.isForgotten("never-seen")).isTrue();
        }
    }

    @Test
    void keysOfManyUsersAreTheKeysKeyOfGivesAndKeepTombstones() {
        byte[] existing;
        java.util.Map<String, Optional<byte[]>> bulk;
        try (KeyStore keys = KeyStores.open(location())) {
            existing = keys.keyOf("u-old").orElseThrow();
            keys.forget("u-gone");
            bulk = keys.keysOf(List.of("u-new1", "u-old", "u-gone", "u-new2", "u-new1"));
        }
        assertThat(bulk).containsOnlyKeys("u-new1", "u-old", "u-gone", "u-new2");
        assertThat(bulk.get("u-old")).hasValueSatisfying(k -> assertThat(k).isEqualTo(existing));
        assertThat(bulk.get("u-gone")).isEmpty();
        try (KeyStore again = KeyStores.open(location())) {
            for (String u : List.of("u-new1", "u-new2")) {
                byte[] created = bulk.get(u).orElseThrow();
                assertThat(created).hasSize(KeyStore.KEY_BYTES);
                assertThat(again.existingKeyOf(u))
                        .hasValueSatisfying(k -> assertThat(k).isEqualTo(created));
            }
            assertThat(bulk.get("u-new1").get()).isNotEqualTo(bulk.get("u-new2").get());
            assertThat(again.existingKeyOf("u-gone")).isEmpty();
            assertThat(again.isForgotten("u-gone")).isTrue();
        }
    }

    @Test
    void aDeletedKeyIsNotLeftInTheStore() throws Exception {
        byte[] key;
        try (KeyStore keys = KeyStores.open(location())) {
            key = keys.keyOf("u-secret").orElseThrow();
            keys.forget("u-secret");
        }
        assertKeyBytesGone(key);
    }

    /** Checks, where the store's storage can be read, that the key's bytes are not there. */
    void assertKeyBytesGone(byte[] key) throws Exception {}

    @Test
    void concurrentCreatorsOfTheSameUserEndWithOneKey() throws Exception {
        int tasks = 4;
        int users = 50;
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        List<KeyStore> stores = new ArrayList<>();
        try {
            for (int t = 0; t < tasks; t++) {
                stores.add(KeyStores.open(location()));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (KeyStore store : stores) {
                Callable<List<byte[]>> task =
                        () -> {
                            start.await();
                            List<byte[]> keys = new ArrayList<>();
                            for (int u = 0; u < users; u++) {
                                keys.add(store.keyOf("user-" + u).orElseThrow());
                            }
                            return keys;
                        };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<List<byte[]>> seen = new ArrayList<>();
            for (Future<List<byte[]>> f : results) {
                seen.add(f.get(60, TimeUnit.SECONDS));
            }
            Set<String> distinct = new HashSet<>();
            for (int u = 0; u < users; u++) {
                for (List<byte[]> keys : seen) {
                    assertThat(keys.get(u)).isEqualTo(seen.get(0).get(u));
                }
                distinct.add(java.util.HexFormat.of().formatHex(seen.get(0).get(u)));
            }
            assertThat(distinct).hasSize(users);
        } finally {
            pool.shutdownNow();
            for (KeyStore s : stores) {
                s.close();
            }
        }
    }

    @Test
    void aForgetRacingCreatorsEndsForgotten() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (KeyStore a = KeyStores.open(location());
                KeyStore b = KeyStores.open(location());
                KeyStore c = KeyStores.open(location())) {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> creatorA = pool.submit(() -> createMany(a, start));
            Future<?> creatorB = pool.submit(() -> createMany(b, start));
            Future<?> forgetter =
                    pool.submit(
                            () -> {
                                start.await();
                                for (int u = 0; u < 50; u++) {
                                    c.forget("racer-" + u);
                                }
                                return null;
                            });
            start.countDown();
            creatorA.get(60, TimeUnit.SECONDS);
            creatorB.get(60, TimeUnit.SECONDS);
            forgetter.get(60, TimeUnit.SECONDS);
            for (int u = 0; u < 50; u++) {
                assertThat(c.existingKeyOf("racer-" + u)).isEmpty();
                assertThat(a.keyOf("racer-" + u)).isEmpty();
                assertThat(b.isForgotten("racer-" + u)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void createMany(KeyStore store, CountDownLatch start) throws Exception {
        start.await();
        for (int u = 0; u < 50; u++) {
            Optional<byte[]> k = store.keyOf("racer-" + u);
            k.ifPresent(key -> assertThat(key).hasSize(KeyStore.KEY_BYTES));
        }
        return null;
    }
}
