package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.QuarantineRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    void replacesSingleQuotedAndNumericIdsAndRedactsCutOffOnes() {
        assertThat(PseudonymizeQuarantine.rewrite("{'user_id':'u7','ts':1}", p))
                .isEqualTo("{'user_id':'" + expected("u7") + "','ts':1}");
        assertThat(PseudonymizeQuarantine.rewrite("{\"user_id\":123,\"ts\":1}", p))
                .isEqualTo("{\"user_id\":\"" + expected("123") + "\",\"ts\":1}");
        assertThat(PseudonymizeQuarantine.rewrite("{\"event_id\":\"e1\",\"user_id\":\"u12", p))
                .isEqualTo("{\"event_id\":\"e1\",\"user_id\":\"[redacted]\"");
        assertThat(store.keyOfCalls).isEqualTo(2);
    }

    @Test
    void searchesBase64PayloadsByteByByte() {
        QuarantineRecord q = new QuarantineRecord();
        byte[] bytes =
                "{\"user_id\":\"u7\",\"device\":\"w\u00ffb\"}"
                        .getBytes(StandardCharsets.ISO_8859_1);
        q.raw = Base64.getEncoder().encodeToString(bytes);
        q.rawEncoding = "base64";
        assertThat(new PseudonymizeQuarantine("unused", 10).pseudonymize(q, p)).isTrue();
        assertThat(new String(Base64.getDecoder().decode(q.raw), StandardCharsets.ISO_8859_1))
                .isEqualTo("{\"user_id\":\"" + expected("u7") + "\",\"device\":\"w\u00ffb\"}");

        byte[] badId = "{\"user_id\":\"u\u00ff7\"}".getBytes(StandardCharsets.ISO_8859_1);
        q.raw = Base64.getEncoder().encodeToString(badId);
        new PseudonymizeQuarantine("unused", 10).pseudonymize(q, p);
        assertThat(new String(Base64.getDecoder().decode(q.raw), StandardCharsets.ISO_8859_1))
                .isEqualTo("{\"user_id\":\"[redacted]\"}");
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
