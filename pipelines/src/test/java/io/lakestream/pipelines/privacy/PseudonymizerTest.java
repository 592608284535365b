package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    @Test
    void thePseudonymIsHmacSha256InLowercaseHex() {
        // RFC 4231, test case 2
        assertThat(
                        Pseudonymizer.pseudonym(
                                "what do ya want for nothing?",
                                "Jefe".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void eachUserHasTheirOwnStablePseudonym() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        Pseudonymizer p = new Pseudonymizer(store, 10, 1_000);
        String u1 = p.pseudonymOf("u1").orElseThrow();
        assertThat(u1)
                .hasSize(64)
                .matches("[0-9a-f]{64}")
                .isEqualTo(Pseudonymizer.pseudonym("u1", InMemoryKeyStore.keyFor("u1")));
        assertThat(p.pseudonymOf("u2")).isNotEqualTo(p.pseudonymOf("u1"));
        // another task, same store: same pseudonym
        assertThat(new Pseudonymizer(store, 10, 1_000).pseudonymOf("u1")).hasValue(u1);
    }

    @Test
    void afterWarmUpTheStoreIsNotAsked() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        Pseudonymizer p = new Pseudonymizer(store, 100, 60_000, () -> 0L);
        for (int round = 0; round < 50; round++) {
            for (int u = 0; u < 100; u++) {
                p.pseudonymOf("u" + u);
            }
        }
        assertThat(store.keyOfCalls).isEqualTo(100);
        assertThat(p.storeLookups()).isEqualTo(100);
    }

    @Test
    void theCacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        Pseudonymizer p = new Pseudonymizer(store, 2, 60_000, () -> 0L);
        p.pseudonymOf("a");
        p.pseudonymOf("b");
        p.pseudonymOf("a"); // b is now the eldest
        p.pseudonymOf("c"); // evicts b
        p.pseudonymOf("a");
        assertThat(store.keyOfCalls).isEqualTo(3);
        p.pseudonymOf("b");
        assertThat(store.keyOfCalls).isEqualTo(4);
    }

    @Test
    void aForgottenUserHasNoPseudonymAndIsRememberedAsForgotten() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        store.forget("gone");
        Pseudonymizer p = new Pseudonymizer(store, 10, 60_000, () -> 0L);
        assertThat(p.pseudonymOf("gone")).isEmpty();
        assertThat(p.pseudonymOf("gone")).isEmpty();
        assertThat(store.keyOfCalls).isEqualTo(1);
        assertThat(store.existingKeyOf("gone")).isEmpty();
    }

    @Test
    void aUserForgottenWhileCachedIsDroppedOnceTheEntryExpires() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        AtomicLong now = new AtomicLong();
        Pseudonymizer p = new Pseudonymizer(store, 10, 1_000, now::get);
        assertThat(p.pseudonymOf("u1")).isPresent();
        store.forget("u1");
        now.set(999);
        assertThat(p.pseudonymOf("u1")).isPresent();
        now.set(1_000);
        assertThat(p.pseudonymOf("u1")).isEmpty();
    }
}
