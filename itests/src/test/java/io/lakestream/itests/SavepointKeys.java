package io.lakestream.itests;

import io.lakestream.pipelines.model.Event;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * A savepoint's keyed state read back with Flink's State Processor API: the keys of {@code
 * user_daily}'s open day windows (operator uid {@code user-daily-window}, keyed by {@code user_id},
 * window contents: the stream's events).
 */
final class SavepointKeys {

    private SavepointKeys() {}

    /** The {@code user_id} keys of the open {@code user_daily} windows in {@code savepoint}. */
    static Set<String> userDailyWindowKeys(String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        Set<String> keys = new HashSet<>();
        try (CloseableIterator<String> read =
                SavepointReader.read(env, savepoint, new HashMapStateBackend())
                        .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                        .process(
                                "user-daily-window",
                                new WindowKeys(),
                                Types.STRING,
                                TypeInformation.of(Event.class),
                                Types.STRING)
                        .executeAndCollect()) {
            read.forEachRemaining(keys::add);
        }
        return keys;
    }

    /** Emits the key of every window. */
    static final class WindowKeys extends WindowReaderFunction<Event, String, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void readWindow(
                String key,
                Context<TimeWindow> ctx,
                Iterable<Event> events,
                Collector<String> out) {
            out.collect(key);
        }
    }
}
