package io.lakestream.pipelines.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.TrainingExample;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The point-in-time profile join through Flink's two-input harness, across a restore. */
class ProfileAsOfTest {

    private static final long T = 1_000_000_000_000L;

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, TrainingExample, ProfileVersion, TrainingExample>
            harness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new ProfileAsOf()),
                t -> t.userId,
                p -> p.userId,
                Types.STRING);
    }

    private static StreamRecord<TrainingExample> example(String id, String user, long ts) {
        TrainingExample t = new TrainingExample();
        t.eventId = id;
        t.userId = user;
        t.itemId = "i1";
        t.eventTime = ts;
        return new StreamRecord<>(t, ts);
    }

    static StreamRecord<ProfileVersion> version(String user, long ts, String tier) {
        ProfileVersion p = new ProfileVersion();
        p.userId = user;
        p.ts = ts;
        p.country = "DE";
        p.age = 30;
        p.tier = tier;
        return new StreamRecord<>(p, ts);
    }

    /** Tier (or "-" for no profile) by example id. */
    private static Map<String, String> tiers(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, TrainingExample, ProfileVersion, TrainingExample>
                    h) {
        Map<String, String> m = new TreeMap<>();
        for (TrainingExample t : h.extractOutputValues()) {
            m.put(t.eventId, t.profileTime == null ? "-" : t.profileTier + "@" + t.profileTime);
        }
        return m;
    }

    @Test
    void anExampleGetsTheLatestVersionAtOrBeforeItsTimeNeverALaterOne() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement2(version("u1", T - 100, "free"));
            h.processElement2(version("u1", T, "plus"));
            h.processElement1(example("before-any", "u2", T));
            h.processElement1(example("just-before", "u1", T - 1));
            h.processElement1(example("at-change", "u1", T));
            snapshot = h.snapshot(1, 10);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement1(example("after", "u1", T + 1));
            h.processElement2(version("u1", T + 2, "premium")); // after every example
            h.processBothWatermarks(new Watermark(T + 1));

            assertThat(tiers(h))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(
                                    "before-any", "-",
                                    "just-before", "free@" + (T - 100),
                                    "at-change", "plus@" + T,
                                    "after", "plus@" + T));
        }
    }

    @Test
    void examplesWaitUntilBothInputsHavePassedTheirTime() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement1(example("e", "u1", T));
            h.processWatermark1(new Watermark(T));
            assertThat(h.extractOutputValues()).as("the profile side is still behind").isEmpty();

            h.processElement2(version("u1", T - 5, "plus"));
            h.processWatermark2(new Watermark(T));
            assertThat(tiers(h)).containsExactlyEntriesOf(Map.of("e", "plus@" + (T - 5)));
        }
    }
}
