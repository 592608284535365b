package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakestream.connectors.testing.ReliabilityRow;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade that adds a nullable field to a type kept in state, as a real upgrade does it: the job
 * that takes the savepoint and the job that restores it load two versions of the same class ({@code
 * Tally}, compiled here from source into two folders, each the job's classpath, so each run's user
 * class loader has its own). Version 2 adds {@code Long lastSeen}. The restored job, on RocksDB as
 * runs are, migrates the state through Flink's POJO serializer: every count goes on from where the
 * savepoint left it, and the new field is null until a record sets it. A change Flink could not
 * migrate would fail the restore, and this test with it.
 */
class StateSchemaEvolutionITCase {

    private static final String CLASS = "io.lakestream.itests.evolution.Tally";
    private static final String V1 =
            "package io.lakestream.itests.evolution;\n"
                    + "public class Tally { public String key; public long count;"
                    + " public Tally() {} }\n";
    private static final String V2 =
            "package io.lakestream.itests.evolution;\n"
                    + "public class Tally { public String key; public long count;"
                    + " public Long lastSeen; public Tally() {} }\n";
    private static final int KEYS = 10;

    /** Shared with the operator: the MiniCluster runs in this JVM. */
    private static final AtomicLong PROCESSED = new AtomicLong();

    private static final AtomicLong LAST_INDEX = new AtomicLong(-1);
    private static final Map<String, Object[]> STATE = new ConcurrentHashMap<>();

    @TempDir Path work;

    @Test
    void aNullableFieldAddedToAStateTypeMigratesFromTheSavepoint() throws Exception {
        Path v1 = compile(V1, work.resolve("v1"));
        Path v2 = compile(V2, work.resolve("v2"));

        JobClient first = start(v1, null);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> PROCESSED.get() >= 2_000);
        String savepoint =
                first.stopWithSavepoint(
                                false,
                                work.resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        long beforeUpgrade = LAST_INDEX.get() + 1;
        Map<String, Object[]> atSavepoint = Map.copyOf(STATE);
        assertThat(atSavepoint).hasSize(KEYS);
        atSavepoint
                .values()
                .forEach(v -> assertThat(v[1]).as("version 1 has no lastSeen").isNull());

        STATE.clear();
        long t0 = System.nanoTime();
        JobClient second = start(v2, savepoint);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> LAST_INDEX.get() >= beforeUpgrade + 2_000);
        double restoreSeconds = (System.nanoTime() - t0) / 1e9;
        second.cancel().get(1, TimeUnit.MINUTES);
        second.getJobExecutionResult().handle((r, e) -> null).get(1, TimeUnit.MINUTES);

        long end = LAST_INDEX.get() + 1;
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        long lost = 0;
        long duplicated = 0;
        for (int k = 0; k < KEYS; k++) {
            long count = (end - k + KEYS - 1) / KEYS; // indices i < end with i % KEYS == k
            long lastSeen = end - 1 - Math.floorMod(end - 1 - k, KEYS);
            expected.add("k" + k + ":" + count + ":" + lastSeen);
            Object[] v = STATE.get("k" + k);
            long counted = v == null ? 0 : (Long) v[0];
            actual.add("k" + k + ":" + counted + ":" + (v == null ? null : v[1]));
            lost += Math.max(0, count - counted);
            duplicated += Math.max(0, counted - count);
        }
        new ReliabilityRow(
                        "upgrade-state-schema",
                        "Upgrade adding a nullable field to a type in state",
                        "stop with savepoint after "
                                + beforeUpgrade
                                + " records; restore with version 2 of the state class (a new"
                                + " Long field), each version on its own job classpath; RocksDB;"
                                + " records counted per key against the indices sent",
                        1,
                        end,
                        lost,
                        duplicated,
                        "0",
                        ReliabilityRow.seconds(Duration.ofNanos((long) (restoreSeconds * 1e9)))
                                + " from restore to 2,000 more records")
                .write();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Runs the counting job with {@code classes} as its classpath, from {@code savepoint}. */
    private JobClient start(Path classes, String savepoint) throws Exception {
        PROCESSED.set(0);
        Configuration c = new Configuration();
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                work.resolve("checkpoints").toUri().toString());
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        c.set(PipelineOptions.CLASSPATHS, List.of(new URL(classes.toUri().toString()).toString()));
        if (savepoint != null) {
            c.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(1);
        env.fromSource(
                        new DataGeneratorSource<>(
                                i -> i,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(2_000),
                                Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "indices")
                .uid("indices")
                .keyBy(i -> "k" + (i % KEYS))
                .process(new Count())
                .uid("count")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        return env.executeAsync("state-schema-evolution");
    }

    /**
     * Counts records per key in a {@code Tally} of whichever version the job's class loader has,
     * through reflection (this class is on the parent class path and cannot name it), and sets
     * {@code lastSeen} where the version has it.
     */
    static final class Count extends KeyedProcessFunction<String, Long, Long> {
        private transient ValueState<Object> tally;
        private transient Class<?> type;
        private transient Field key;
        private transient Field count;
        private transient Field lastSeen;

        @Override
        public void open(OpenContext ctx) throws Exception {
            type = Class.forName(CLASS, true, getRuntimeContext().getUserCodeClassLoader());
            TypeInformation<?> info = TypeExtractor.createTypeInfo(type);
            if (!(info instanceof PojoTypeInfo)) {
                throw new IllegalStateException(CLASS + " is not a Flink POJO: " + info);
            }
            @SuppressWarnings("unchecked")
            TypeInformation<Object> pojo = (TypeInformation<Object>) info;
            tally = getRuntimeContext().getState(new ValueStateDescriptor<>("tally", pojo));
            key = type.getField("key");
            count = type.getField("count");
            try {
                lastSeen = type.getField("lastSeen");
            } catch (NoSuchFieldException e) {
                lastSeen = null; // version 1
            }
        }

        @Override
        public void processElement(Long i, Context ctx, Collector<Long> out) throws Exception {
            Object t = tally.value();
            if (t == null) {
                t = type.getConstructor().newInstance();
                key.set(t, ctx.getCurrentKey());
            }
            count.setLong(t, count.getLong(t) + 1);
            if (lastSeen != null) {
                lastSeen.set(t, i);
            }
            tally.update(t);
            STATE.put(
                    ctx.getCurrentKey(),
                    new Object[] {count.getLong(t), lastSeen == null ? null : lastSeen.get(t)});
            LAST_INDEX.accumulateAndGet(i, Math::max);
            PROCESSED.incrementAndGet();
        }
    }

    /** Compiles {@code source} (one public class) into {@code dir}; returns {@code dir}. */
    private static Path compile(String source, Path dir) throws IOException {
        Path src = dir.resolve("src").resolve(CLASS.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-d", classes.toString(), src.toString());
        assertThat(code).as("javac " + src).isZero();
        return classes;
    }
}
