package io.lakestream.pipelines.job;

import io.lakestream.pipelines.UserDayFold;
import io.lakestream.pipelines.model.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A backfill's one stage keyed by user: runs every pipeline's {@link UserDayFold} over each user's
 * events of each day, each fold's rows to a side output of its own.
 *
 * <p>Why one operator: in BATCH mode Flink sorts every keyed input by key, and with one keyed
 * operator per pipeline a backfill of {@code user_daily} and {@code dau} sorted (and spilled, and
 * merged) all its events twice by user; that sort was most of the time of those stages (JFR,
 * docs/decisions/0025-one-sort-by-user.md).
 *
 * <p>BATCH only: it relies on what BATCH mode guarantees a keyed operator with sorted inputs — all
 * of a key's records, then that key's timers (fired as the key ends), then the next key — so one
 * user's days are held in plain fields, never in state. It checks that guarantee and fails loudly
 * rather than mix two users' days.
 */
final class UserDayStage extends KeyedProcessFunction<String, Event, Void> {

    private static final long serialVersionUID = 1L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** The folds and their outputs, added while the job is composed, before it is submitted. */
    private final List<UserDayFold<Object, Object>> folds = new ArrayList<>();

    private final List<OutputTag<Object>> outputs = new ArrayList<>();

    /** The user whose days {@link #days} holds, or null between users. */
    private transient String user;

    /** The current user's open days: start of day → one accumulator per fold. */
    private transient TreeMap<Long, Object[]> days;

    /**
     * Adds {@code fold}; its rows are the side output of the returned tag. Only while the job is
     * composed: the function is serialized with its folds when the job is submitted.
     */
    @SuppressWarnings("unchecked")
    <T> OutputTag<T> add(UserDayFold<?, T> fold, TypeInformation<T> type) {
        OutputTag<T> tag = new OutputTag<>("user-day-" + folds.size(), type);
        folds.add((UserDayFold<Object, Object>) fold);
        outputs.add((OutputTag<Object>) (OutputTag<?>) tag);
        return tag;
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Void> out) {
        String key = ctx.getCurrentKey();
        if (days == null) {
            days = new TreeMap<>();
        }
        if (user == null) {
            user = key;
        } else if (!user.equals(key)) {
            throw new IllegalStateException(
                    "events of user "
                            + key
                            + " arrived while days of user "
                            + user
                            + " were open: this stage runs only in BATCH mode with sorted inputs");
        }
        long date = Math.floorDiv(e.ts, DAY) * DAY;
        Object[] accs = days.get(date);
        if (accs == null) {
            accs = new Object[folds.size()];
            for (int i = 0; i < accs.length; i++) {
                accs[i] = folds.get(i).create();
            }
            days.put(date, accs);
            // fires when the user's records end (BATCH mode), whatever its time
            ctx.timerService().registerEventTimeTimer(date + DAY - 1);
        }
        for (int i = 0; i < accs.length; i++) {
            folds.get(i).add(accs[i], e);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Void> out) {
        long date = timestamp + 1 - DAY;
        Object[] accs = days.remove(date);
        for (int i = 0; i < accs.length; i++) {
            OutputTag<Object> tag = outputs.get(i);
            folds.get(i).emit(user, date, accs[i], new SideOutput(ctx, tag));
        }
        if (days.isEmpty()) {
            user = null;
        }
    }

    /** A collector into one side output. */
    private static final class SideOutput implements Collector<Object> {
        private final OnTimerContext ctx;
        private final OutputTag<Object> tag;

        SideOutput(OnTimerContext ctx, OutputTag<Object> tag) {
            this.ctx = ctx;
            this.tag = tag;
        }

        @Override
        public void collect(Object row) {
            ctx.output(tag, row);
        }

        @Override
        public void close() {}
    }
}
