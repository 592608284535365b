package io.lakestream.itests;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventTypeInfo;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.WindowReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * A savepoint's keyed state read back with Flink's State Processor API: the users of {@code
 * user_daily}'s open day windows (operator uid {@code user-daily-buckets}, keyed by a bucket of
 * users, window contents: the stream's events).
 */
final class SavepointKeys {

    private SavepointKeys() {}

    /**
     * The {@code user_id}s of the events in open {@code user_daily} windows of {@code savepoint}.
     */
    static Set<String> userDailyWindowUsers(String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        Set<String> keys = new HashSet<>();
        try (CloseableIterator<String> read =
                SavepointReader.read(env, savepoint, new HashMapStateBackend())
                        .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                        .process(
                                "user-daily-buckets",
                                new WindowUsers(),
                                Types.INT,
                                EventTypeInfo.of(),
                                Types.STRING)
                        .executeAndCollect()) {
            read.forEachRemaining(keys::add);
        }
        return keys;
    }

    /** Emits the user of every event of every window. */
    static final class WindowUsers
            extends WindowReaderFunction<Event, String, Integer, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void readWindow(
                Integer bucket,
                Context<TimeWindow> ctx,
                Iterable<Event> events,
                Collector<String> out) {
            for (Event e : events) {
                out.collect(e.userId);
            }
        }
    }
}
