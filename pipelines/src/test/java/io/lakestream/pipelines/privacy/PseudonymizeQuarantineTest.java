package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PseudonymizeQuarantineTest {

    private final InMemoryKeyStore store = new InMemoryKeyStore();
    private final Pseudonymizer p = new Pseudonymizer(store, 10, 60_000, () -> 0L);

    private static String expected(String userId) {
        return Pseudonymizer.pseudonym(userId, InMemoryKeyStore.keyFor(userId));
    }

    @Test
    void replacesTheUserIdOfValidAndBrokenJson() {
        String u7 = expected("u7");
        assertThat(
                        PseudonymizeQuarantine.rewrite(
                                "{\"event_id\":\"e1\",\"user_id\":\"u7\",\"age\":200}", p))
                .isEqualTo("{\"event_id\":\"e1\",\"user_id\":\"" + u7 + "\",\"age\":200}");
        assertThat(PseudonymizeQuarantine.rewrite("{\"user_id\" : \"u7\", \"ts\": 17", p))
                .isEqualTo("{\"user_id\" : \"" + u7 + "\", \"ts\": 17");
    }

    @Test
    void unescapesTheIdBeforeHashingIt() {
        String raw = "{\"user_id\":\"a\\\"b\"}";
        assertThat(PseudonymizeQuarantine.rewrite(raw, p))
                .isEqualTo(
                        "{\"user_id\":\""
                                + Pseudonymizer.pseudonym("a\"b", InMemoryKeyStore.keyFor("a\"b"))
                                + "\"}");
    }

    @Test
    void withoutAUserIdTheRecordIsKeptAsItIs() {
        assertThat(PseudonymizeQuarantine.rewrite("garbage", p)).isEqualTo("garbage");
        assertThat(PseudonymizeQuarantine.rewrite("{\"event_id\":\"e1\"}", p))
                .isEqualTo("{\"event_id\":\"e1\"}");
        assertThat(store.keyOfCalls).isZero();
    }

    @Test
    void aForgottenUsersRecordIsDropped() {
        store.forget("u7");
        assertThat(PseudonymizeQuarantine.rewrite("{\"user_id\":\"u7\",\"ts\":1}", p)).isNull();
    }
}
