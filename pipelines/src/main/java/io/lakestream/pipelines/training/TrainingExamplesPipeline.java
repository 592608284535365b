package io.lakestream.pipelines.training;

import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
import io.lakestream.pipelines.model.Country;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventType;
import io.lakestream.pipelines.model.TrainingExample;
import io.lakestream.pipelines.skew.SaltedKey;
import io.lakestream.pipelines.tables.TrainingExamplesTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code training_examples}: one row per impression, with label 1 if the same user clicked the same
 * item within {@link #LABEL_WINDOW} after it, the user's profile as of the impression (from the
 * {@code users} changelog) and the region and currency of the impression's country.
 *
 * <pre>
 * impressions (range) + clicks (range + horizon) -> keyBy(user, item) ClickLabeler  [timer t+30m]
 *   -> LabelWindowShift (rows back to time t, watermark - 30m)
 *   -> HotUserRouter: heavy-hitter sketch; hot users' examples to the salted path
 *   -> keyBy(user) ProfileAsOf, with keyBy(user) users changelog        [timer t]
 *   -> keyBy(user) PriorDaysActivity, with keyBy(user) day counts       [timer date(t) - 1 ms]
 *        events (history + range) -> DayActivityRouter (salts hot users)
 *          -> keyBy(salted user) DayActivityPartials                   [timer end of day]
 *   salted path: keyBy(salted user) HotProfileAsOf, versions broadcast by ProfileAsOf     [timer t]
 *             -> keyBy(salted user) HotPriorDaysActivity, days broadcast by PriorDaysActivity
 *   -> union -> CountryEnrichment, with the country table broadcast    [forward, no shuffle]
 *   -> lake: training_examples (date of t)
 * </pre>
 *
 * <p>Skew: the generated hot user holds 10 % of the events, and a stage keyed by user would give
 * one subtask its whole share. {@link HotUserRouter} and {@link DayActivityRouter} flag the users
 * whose share of a subtask's records reaches {@code 1 / (4 * parallelism)} with a heavy-hitter
 * sketch, and split them over {@link SaltedKey#SALTS} sub-keys: the events are counted per sub-key
 * and the counts added up; the examples are joined on the sub-keys with the user's profile versions
 * and day counts, which the user's home operators broadcast once the user is hot (a hot user's
 * small side goes to every subtask, its big side is spread). {@code --salting off} keeps every user
 * at home, for comparison; the rows are the same either way. The run's summary prints the records
 * per subtask of each keyed stage.
 *
 * <p>A row is written once its label window is closed by the watermark. A backfill reads {@link
 * #horizon()} of events past its last date, so the impressions of its last half hour are labelled
 * with the clicks that follow them, and {@link #history()} of events before its first date, so the
 * impressions of its first dates get their {@link #PRIOR_DAYS} days of prior activity.
 */
public final class TrainingExamplesPipeline implements Pipeline {

    /** Clicks count for an impression at t if they are in (t, t + LABEL_WINDOW]. */
    public static final Duration LABEL_WINDOW = Duration.ofMinutes(30);

    /**
     * The {@code prior_*} columns sum the user's activity over this many UTC days before the
     * impression's date (never the date itself).
     */
    public static final int PRIOR_DAYS = 7;

    private static final TypeInformation<TrainingExample> EXAMPLE =
            TypeInformation.of(TrainingExample.class);
    private static final TypeInformation<UserDayActivity> DAY_ACTIVITY =
            TypeInformation.of(UserDayActivity.class);

    @Override
    public String name() {
        return TrainingExamplesTable.NAME;
    }

    @Override
    public Duration horizon() {
        return LABEL_WINDOW;
    }

    @Override
    public Duration history() {
        return Duration.ofDays(PRIOR_DAYS);
    }

    @Override
    public boolean readsProfiles() {
        return true;
    }

    @Override
    public void attach(PipelineContext ctx) {
        DataStream<Event> impressions =
                ctx.events()
                        .filter(e -> EventType.IMPRESSION.equals(e.eventType))
                        .uid("training-impressions")
                        .name("training_examples: impressions");
        DataStream<Event> clicks =
                ctx.eventsWithHorizon()
                        .filter(e -> EventType.CLICK.equals(e.eventType))
                        .uid("training-clicks")
                        .name("training_examples: clicks (range + label window)");
        DataStream<TrainingExample> labelled =
                impressions
                        .union(clicks)
                        .keyBy(ClickLabeler::key, Types.STRING)
                        .process(new ClickLabeler(LABEL_WINDOW), EXAMPLE)
                        .uid("training-label")
                        .name("training_examples: click label (30 min)")
                        .transform(
                                "training_examples: back to impression time",
                                EXAMPLE,
                                new LabelWindowShift(LABEL_WINDOW))
                        .uid("training-label-shift");
        boolean salting = ctx.saltHotKeys();
        SingleOutputStreamOperator<TrainingExample> routed =
                labelled.process(new HotUserRouter(salting), EXAMPLE)
                        .uid("training-hot-users")
                        .name("training_examples: route hot users (heavy hitters)");
        DataStream<TrainingExample> hotExamples = routed.getSideOutput(HotUserRouter.HOT);

        // the profile as of the impression: at home (keyed by user), or salted for hot users
        SingleOutputStreamOperator<TrainingExample> withProfile =
                routed.keyBy(t -> t.userId, Types.STRING)
                        .connect(ctx.profiles().keyBy(p -> p.userId, Types.STRING))
                        .process(new ProfileAsOf(), EXAMPLE)
                        .uid("training-profile-as-of")
                        .name("training_examples: profile as of impression");
        DataStream<TrainingExample> hotWithProfile =
                hotExamples
                        .keyBy(TrainingExamplesPipeline::saltedKey, Types.STRING)
                        .connect(
                                withProfile
                                        .getSideOutput(ProfileAsOf.HOT_VERSIONS)
                                        .broadcast(HotProfileAsOf.VERSIONS))
                        .process(new HotProfileAsOf(), EXAMPLE)
                        .uid("training-profile-as-of-hot")
                        .name("training_examples: profile as of impression (hot users, salted)");

        // the days before: each user's activity per day, counted under salted keys for hot users
        DataStream<UserDayActivity> dayActivity =
                ctx.eventsWithHistory()
                        .process(new DayActivityRouter(salting), DAY_ACTIVITY)
                        .uid("training-day-route")
                        .name("training_examples: activity per user and day (hot users salted)")
                        .keyBy(UserDayActivity::saltedKey, Types.STRING)
                        .process(new DayActivityPartials(), DAY_ACTIVITY)
                        .uid("training-day-activity")
                        .name("training_examples: count per user and day");
        SingleOutputStreamOperator<TrainingExample> withPriorDays =
                withProfile
                        .keyBy(t -> t.userId, Types.STRING)
                        .connect(dayActivity.keyBy(a -> a.userId, Types.STRING))
                        .process(new PriorDaysActivity(PRIOR_DAYS), EXAMPLE)
                        .uid("training-prior-days")
                        .name("training_examples: activity of the " + PRIOR_DAYS + " days before");
        DataStream<TrainingExample> hotWithPriorDays =
                hotWithProfile
                        .keyBy(TrainingExamplesPipeline::saltedKey, Types.STRING)
                        .connect(
                                withPriorDays
                                        .getSideOutput(PriorDaysActivity.HOT_DAYS)
                                        .broadcast(HotPriorDaysActivity.DAYS))
                        .process(new HotPriorDaysActivity(PRIOR_DAYS), EXAMPLE)
                        .uid("training-prior-days-hot")
                        .name(
                                "training_examples: activity of the "
                                        + PRIOR_DAYS
                                        + " days before (hot users, salted)");
        DataStream<TrainingExample> rows =
                withPriorDays
                        .union(hotWithPriorDays)
                        .connect(countries(withProfile.getExecutionEnvironment()))
                        .process(new CountryEnrichment(), EXAMPLE)
                        .uid("training-country")
                        .name("training_examples: region, currency (broadcast)");
        ctx.write(rows, new TrainingExamplesTable());
    }

    /** The salted key of a hot user's example: the user, and a salt of the impression's id. */
    private static String saltedKey(TrainingExample e) {
        return SaltedKey.of(e.userId, SaltedKey.salt(e.eventId));
    }

    private static BroadcastStream<Country> countries(StreamExecutionEnvironment env) {
        List<Country> table = new ArrayList<>(CountryTable.load());
        table.add(CountryTable.END);
        // a bounded source without event time: once it ends, the join's watermark is the examples'
        return env.fromData(table, TypeInformation.of(Country.class))
                .uid("training-countries")
                .name("country table (" + CountryTable.RESOURCE + ")")
                .broadcast(CountryEnrichment.COUNTRIES);
    }
}
