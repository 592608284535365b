package io.lakestream.connectors.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.testing.ReliabilityRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a failure: a task fails after a checkpoint has completed, with rows written
 * since; the job restarts from the checkpoint and the lake holds every row exactly once, with no
 * visible uncommitted file. (The full fault suite is the reliability issue's.)
 */
class LakeSinkFailoverITCase {

    private static final long DAY0 = LocalDate.of(2026, 11, 1).toEpochDay() * 86_400_000L;
    private static final int ROWS = 6000;

    /** Shared with the operator: the MiniCluster runs in this JVM. */
    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicLong SEEN_AFTER_CHECKPOINT = new AtomicLong();
    private static final AtomicLong FAILED_AT_NANOS = new AtomicLong();
    private static final AtomicLong RECOVERED_AT_NANOS = new AtomicLong();
    private static final AtomicLong LAST_CHECKPOINT = new AtomicLong();
    private static final AtomicLong LAST_CHECKPOINT_AT_FAILURE = new AtomicLong(Long.MAX_VALUE);

    @TempDir Path lake;

    static TestRow row(long i) {
        return new TestRow("r" + i, DAY0 + i * 20_000L, i % 5 == 0 ? null : (double) i);
    }

    @Test
    void aFailureAfterACheckpointLosesAndDuplicatesNothing() throws Exception {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        // as runs are: RocksDB, one slot on each of two TaskManagers
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS, 2);
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(2);

        DataGeneratorSource<TestRow> source =
                new DataGeneratorSource<>(
                        LakeSinkFailoverITCase::row,
                        ROWS,
                        RateLimiterStrategy.perSecond(3000),
                        TypeInformation.of(TestRow.class));
        LakeSink<TestRow> sink =
                LakeSink.forTable(new TestTable("t")).lake(lake.toString()).runId("f1").build();
        env.fromSource(
                        source,
                        WatermarkStrategy.<TestRow>forMonotonousTimestamps()
                                .withTimestampAssigner((r, t) -> r.ts),
                        "rows")
                .uid("rows")
                .map(new FailOnceAfterCheckpoint())
                .uid("fail-once")
                .sinkTo(sink)
                .uid("sink");
        env.execute();
        LakeFinalizer.finish(sink.config());

        assertThat(FAILED).isTrue();
        List<TestRow> expected = new ArrayList<>();
        for (long i = 0; i < ROWS; i++) {
            expected.add(row(i));
        }
        List<TestRow> actual = LakeSinkITCase.allRows(lake.resolve("t"));
        ReliabilityRow.of(
                        "task-failure-after-checkpoint",
                        "Task failure after a checkpoint, data in flight",
                        "an operator throws once, 200 records after checkpoint 1 completed",
                        1,
                        expected,
                        actual,
                        "1",
                        ReliabilityRow.seconds(
                                        Duration.ofNanos(
                                                RECOVERED_AT_NANOS.get() - FAILED_AT_NANOS.get()))
                                + " to the next completed checkpoint")
                .write();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        try (Stream<Path> files = Files.walk(lake.resolve("t"))) {
            assertThat(
                            files.filter(p -> p.toString().endsWith(".parquet"))
                                    .filter(p -> !p.getFileName().toString().startsWith("."))
                                    .filter(p -> !Files.exists(p.resolveSibling("_SUCCESS"))))
                    .as("every visible file is in a published partition")
                    .isEmpty();
        }
    }

    /** Fails once, 200 rows after the first completed checkpoint. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<TestRow, TestRow>
            implements CheckpointListener {
        @Override
        public TestRow map(TestRow row) {
            if (CHECKPOINTED.get()
                    && SEEN_AFTER_CHECKPOINT.incrementAndGet() > 200
                    && FAILED.compareAndSet(false, true)) {
                FAILED_AT_NANOS.set(System.nanoTime());
                LAST_CHECKPOINT_AT_FAILURE.set(LAST_CHECKPOINT.get());
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
            LAST_CHECKPOINT.accumulateAndGet(checkpointId, Math::max);
            // the first checkpoint of the restarted job: one the failure did not abort
            if (checkpointId > LAST_CHECKPOINT_AT_FAILURE.get()) {
                RECOVERED_AT_NANOS.compareAndSet(0, System.nanoTime());
            }
        }
    }
}
