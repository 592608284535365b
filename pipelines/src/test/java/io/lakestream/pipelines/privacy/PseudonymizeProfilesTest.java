package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.QuarantineRecord;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users changelog gets the events' pseudonyms, so that joins by user still match. */
class PseudonymizeProfilesTest {

    @TempDir Path dir;

    private static ProfileVersion version(String user) {
        ProfileVersion v = new ProfileVersion();
        v.userId = user;
        v.ts = 5L;
        v.country = "DE";
        return v;
    }

    @Test
    void profilesGetTheEventsPseudonymsAndForgottenUsersVersionsAreDropped() throws Exception {
        String location = KeyStores.normalize(dir.resolve("keys.db").toString());
        try (KeyStore keys = KeyStores.open(location)) {
            keys.forget("gone");
        }
        ProfileVersion broken = new ProfileVersion();
        broken.quarantine = new QuarantineRecord();
        List<ProfileVersion> out;
        try (OneInputStreamOperatorTestHarness<ProfileVersion, ProfileVersion> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new PseudonymizeProfiles(location, 10))) {
            h.processElement(version("u1"), 1L);
            h.processElement(version("gone"), 1L);
            h.processElement(broken, 1L);
            out = h.extractOutputValues();
        }
        String eventPseudonym;
        try (Pseudonymizer events = new Pseudonymizer(KeyStores.open(location), 10, 60_000)) {
            eventPseudonym = events.pseudonymOf("u1").orElseThrow();
        }
        assertThat(out).hasSize(2);
        assertThat(out.get(0).userId).isEqualTo(eventPseudonym);
        assertThat(out.get(0).country).isEqualTo("DE");
        assertThat(out.get(1).quarantine).isNotNull();
        assertThat(out.get(1).userId).isNull();
    }
}
