package io.lakestream.pipelines.training;

import static io.lakestream.pipelines.training.PriorDaysActivityTest.activityOnDays;
import static io.lakestream.pipelines.training.PriorDaysActivityTest.example;
import static io.lakestream.pipelines.training.ProfileAsOfTest.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SaltedKey;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The salted path of a hot user gives its examples what the user's home gives: the home operators
 * are the oracle. Part of the user's data reaches the home before the marker (sent on as a whole
 * when the marker comes), part after (sent on one by one); the home's own output for an example of
 * the same user and time is what the salted operator must produce.
 */
class SaltedPathTest {

    private static final long DAY = PriorDaysActivity.DAY_MS;
    private static final long D = 20_400 * DAY;
    private static final long NOON = DAY / 2;

    @Test
    void priorDaysOnTheSaltedPathEqualTheHomes() throws Exception {
        try (var home =
                        new KeyedTwoInputStreamOperatorTestHarness<
                                String, TrainingExample, UserDayActivity, TrainingExample>(
                                new KeyedCoProcessOperator<>(new PriorDaysActivity(7)),
                                t -> t.userId,
                                a -> a.userId,
                                Types.STRING);
                var salted = hotPriorDays()) { // opened by the factory
            home.open();
            activityOnDays(home, D - 9 * DAY, D - 4 * DAY);
            home.processElement1(new StreamRecord<>(TrainingExample.hotUserMarker("u1"), D));
            activityOnDays(home, D - 4 * DAY, D + DAY);
            home.processElement1(example("at-home", "u1", D + NOON));
            home.processBothWatermarks(new Watermark(D + NOON));
            assertThat(home.extractOutputValues())
                    .extracting(t -> t.eventId)
                    .containsExactly("at-home");

            ConcurrentLinkedQueue<StreamRecord<UserDayActivity>> sent =
                    home.getSideOutput(PriorDaysActivity.HOT_DAYS);
            assertThat(sent).hasSize(5 + 5 * 4); // 5 days at the marker, then 4 counts a day
            for (StreamRecord<UserDayActivity> a : sent) {
                salted.processBroadcastElement(a);
            }
            salted.processElement(example("salted", "u1", D + NOON));
            salted.processElement(example("other-user", "u2", D + NOON));
            salted.watermark(D + NOON);

            TrainingExample atHome = home.extractOutputValues().get(0);
            List<TrainingExample> out = salted.extractOutputValues();
            assertThat(out)
                    .extracting(t -> t.eventId)
                    .containsExactlyInAnyOrder("salted", "other-user");
            TrainingExample s = out.stream().filter(t -> t.userId.equals("u1")).findFirst().get();
            assertThat(PriorActivity.of(s)).isEqualTo(PriorActivity.of(atHome));
            assertThat(s.priorDaysActive).isEqualTo(7);
            TrainingExample u2 = out.stream().filter(t -> t.userId.equals("u2")).findFirst().get();
            assertThat(u2.priorDaysActive).isZero();
        }
    }

    @Test
    void aSaltedExampleWaitsForTheWatermarkToPassItsOwnTime() throws Exception {
        try (var salted = hotPriorDays()) { // opened by the factory
            salted.processElement(example("salted", "u1", D + NOON));
            salted.watermark(D + NOON - 1); // past the date's start: enough at home, not here
            assertThat(salted.extractOutputValues()).isEmpty();
            salted.watermark(D + NOON);
            assertThat(salted.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void profilesOnTheSaltedPathEqualTheHomes() throws Exception {
        try (var home =
                        new KeyedTwoInputStreamOperatorTestHarness<
                                String, TrainingExample, ProfileVersion, TrainingExample>(
                                new KeyedCoProcessOperator<>(new ProfileAsOf()),
                                t -> t.userId,
                                p -> p.userId,
                                Types.STRING);
                KeyedBroadcastOperatorTestHarness<
                                String, TrainingExample, ProfileVersion, TrainingExample>
                        salted =
                                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                        new HotProfileAsOf(),
                                        SaltedPathTest::saltedKey,
                                        Types.STRING,
                                        HotProfileAsOf.VERSIONS)) {
            home.open();
            home.processElement2(version("u1", D, "free"));
            home.processElement2(version("u1", D + 10, "pro"));
            home.processElement1(new StreamRecord<>(TrainingExample.hotUserMarker("u1"), D + 10));
            home.processElement2(version("u1", D + 20, "gold"));
            // the marker goes on to the prior-days home; the versions to the salted path
            assertThat(home.extractOutputValues())
                    .singleElement()
                    .satisfies(t -> assertThat(t.isHotUserMarker()).isTrue());
            for (StreamRecord<ProfileVersion> v : home.getSideOutput(ProfileAsOf.HOT_VERSIONS)) {
                salted.processBroadcastElement(v);
            }
            for (long t : new long[] {D + 5, D + 10, D + 15, D + 25}) {
                home.processElement1(example("home@" + t, "u1", t));
                salted.processElement(example("salted@" + t, "u1", t));
            }
            home.processBothWatermarks(new Watermark(D + 25));
            salted.watermark(D + 25);
            List<String> atHome =
                    home.extractOutputValues().stream()
                            .filter(t -> !t.isHotUserMarker())
                            .map(t -> t.eventTime + " " + t.profileTier + "@" + t.profileTime)
                            .toList();
            assertThat(atHome)
                    .containsExactly(
                            D + 5 + " free@" + D,
                            D + 10 + " pro@" + (D + 10),
                            D + 15 + " pro@" + (D + 10),
                            D + 25 + " gold@" + (D + 20));
            assertThat(
                            salted.extractOutputValues().stream()
                                    .map(
                                            t ->
                                                    t.eventTime
                                                            + " "
                                                            + t.profileTier
                                                            + "@"
                                                            + t.profileTime)
                                    .toList())
                    .containsExactlyInAnyOrderElementsOf(atHome);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, TrainingExample, UserDayActivity, TrainingExample>
            hotPriorDays() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new HotPriorDaysActivity(7),
                SaltedPathTest::saltedKey,
                Types.STRING,
                HotPriorDaysActivity.DAYS);
    }

    private static String saltedKey(TrainingExample e) {
        return SaltedKey.of(e.userId, SaltedKey.salt(e.eventId));
    }

    /** The prior-activity columns of an example. */
    private record PriorActivity(
            int days, long impressions, long clicks, long purchases, double revenue, Double ctr) {
        static PriorActivity of(TrainingExample t) {
            return new PriorActivity(
                    t.priorDaysActive,
                    t.priorImpressions,
                    t.priorClicks,
                    t.priorPurchases,
                    t.priorRevenue,
                    t.priorCtr);
        }
    }
}
