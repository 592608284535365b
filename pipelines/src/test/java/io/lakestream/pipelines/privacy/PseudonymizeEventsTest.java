package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizeEventsTest {

    @TempDir Path dir;

    private static Event event(String id, String user) {
        Event e = new Event();
        e.eventId = id;
        e.userId = user;
        e.itemId = "i1";
        e.eventType = "click";
        e.ts = 1_000L;
        return e;
    }

    @Test
    void replacesUserIdsAndDropsForgottenUsersEvents() throws Exception {
        String location = KeyStores.normalize(dir.resolve("keys.db").toString());
        try (KeyStore keys = KeyStores.open(location)) {
            keys.forget("gone");
        }
        List<Event> out;
        try (OneInputStreamOperatorTestHarness<Event, Event> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new PseudonymizeEvents(location, 10))) {
            h.processElement(event("e1", "u1"), 1L);
            h.processElement(event("e2", "gone"), 1L);
            h.processElement(event("e3", "u2"), 1L);
            h.processElement(event("e4", "u1"), 1L);
            out = h.extractOutputValues();
        }
        byte[] k1;
        byte[] k2;
        try (KeyStore keys = KeyStores.open(location)) {
            k1 = keys.existingKeyOf("u1").orElseThrow();
            k2 = keys.existingKeyOf("u2").orElseThrow();
            assertThat(keys.existingKeyOf("gone")).isEmpty();
        }
        assertThat(out).extracting(e -> e.eventId).containsExactly("e1", "e3", "e4");
        assertThat(out)
                .extracting(e -> e.userId)
                .containsExactly(
                        Pseudonymizer.pseudonym("u1", k1),
                        Pseudonymizer.pseudonym("u2", k2),
                        Pseudonymizer.pseudonym("u1", k1));
    }

    /**
     * The cache size given to the function is the one its tasks use: a user forgotten while the
     * stream runs stays pseudonymized as long as the cache still holds them (within the TTL), and
     * is dropped once another user pushed them out of a one-user cache.
     */
    @Test
    void theCacheSizeGivenIsTheTasksCache() throws Exception {
        String location = KeyStores.normalize(dir.resolve("keys.db").toString());
        assertThat(eventsAfterForgettingU1(location, 1)).containsExactly("e1", "e2");
        assertThat(eventsAfterForgettingU1(location, 2)).containsExactly("e1", "e2", "e3");
    }

    /** e1 (u1), e2 (u2), then u1 is forgotten, then e3 (u1): the ids of the events kept. */
    private static List<String> eventsAfterForgettingU1(String location, int cacheUsers)
            throws Exception {
        try (KeyStore keys = KeyStores.open(location);
                OneInputStreamOperatorTestHarness<Event, Event> h =
                        ProcessFunctionTestHarnesses.forProcessFunction(
                                new PseudonymizeEvents(location, cacheUsers))) {
            String u1 = "u1-cache-" + cacheUsers;
            h.processElement(event("e1", u1), 1L);
            h.processElement(event("e2", "u2"), 1L);
            keys.forget(u1);
            h.processElement(event("e3", u1), 1L);
            return h.extractOutputValues().stream().map(e -> e.eventId).toList();
        }
    }
}
