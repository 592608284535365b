package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.QuarantineRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Every valid version passes; broken records are quarantined only for the run's dates. */
class ProfileRouterTest {

    private static ProfileVersion valid(long ts) {
        ProfileVersion v = new ProfileVersion();
        v.userId = "u1";
        v.ts = ts;
        return v;
    }

    private static ProfileVersion broken(long arrival) {
        ProfileVersion v = new ProfileVersion();
        v.quarantine = new QuarantineRecord();
        v.quarantine.arrival = arrival;
        v.quarantine.reason = "missing_field: ts";
        return v;
    }

    @Test
    void versionsFromBeforeTheRangePassAndOnlyTheRangesBrokenRecordsAreQuarantined()
            throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new ProfileRouter(100, 200))) {
            h.processElement(valid(5), 5); // long before the range: still needed
            h.processElement(valid(150), 150);
            h.processElement(valid(500), 500);
            h.processElement(broken(99), 99);
            h.processElement(broken(100), 100);
            h.processElement(broken(199), 199);
            h.processElement(broken(200), 200);

            assertThat(h.extractOutputValues())
                    .extracting(v -> v.ts)
                    .containsExactly(5L, 150L, 500L);
            assertThat(h.getSideOutput(ProfileRouter.QUARANTINE))
                    .extracting(r -> r.getValue().arrival)
                    .containsExactly(100L, 199L);
        }
    }
}
