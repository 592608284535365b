package io.lakestream.connectors.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.testing.LongVariants;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.connectors.testing.faultyfs.FaultyFileSystemFactory;
import io.lakestream.connectors.testing.faultyfs.StorageFaults;
import io.lakestream.connectors.testing.faultyfs.StorageFaults.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
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
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once when storage fails: the lake and the checkpoints live on {@code faulty://}, the
 * local file system with injected {@link java.io.IOException}s ({@link StorageFaults}). Three
 * faults, each after the first completed checkpoint so that data is in flight: a checkpoint's state
 * file that cannot be written (the asynchronous phase of a snapshot), a file commit that fails (the
 * commit phase, after the checkpoint completed), and faults at random on create, write, persist,
 * commit and rename of lake files. Each time the job restarts from its last checkpoint and the lake
 * holds every row exactly once, with no uncommitted or partial file visible and every footer
 * readable. RocksDB, two TaskManagers of one slot, parallelism 2.
 */
class LakeSinkStorageFaultsITCase {

    private static final long DAY0 = LocalDate.of(2026, 11, 1).toEpochDay() * 86_400_000L;
    private static final int ROWS = 6000;
    private static final int RESTART_ATTEMPTS = 20;

    /** Shared with the operators: the MiniCluster runs in this JVM. */
    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

    private static final AtomicInteger MAX_ATTEMPT = new AtomicInteger();
    private static final AtomicLong FIRST_FAULT_NANOS = new AtomicLong();
    private static final AtomicLong RECOVERED_NANOS = new AtomicLong();

    @TempDir Path dir;

    @AfterEach
    void noMoreFaults() {
        StorageFaults.clear();
    }

    static TestRow row(long i) {
        return new TestRow("r" + i, DAY0 + i * 20_000L, i % 5 == 0 ? null : (double) i);
    }

    @Test
    void aStateFileThatCannotBeWrittenInTheAsyncPhaseFailsTheCheckpointAndTheJobRecovers()
            throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        AtomicBoolean fired = new AtomicBoolean();
        List<TestRow> actual =
                run(
                        checkpoints,
                        // WRITE, not CREATE: Flink retries creating a state file under a new
                        // name (up to 10 times), so a failed create alone fails no checkpoint
                        (op, path) ->
                                op == Op.WRITE
                                        && CHECKPOINTED.get()
                                        && path != null
                                        && path.toString().contains(checkpoints.toString())
                                        && !path.getName().equals("_metadata")
                                        && fired.compareAndSet(false, true)
                                        && faultAt());
        assertThat(StorageFaults.injected(Op.WRITE)).isEqualTo(1);
        report(
                "storage-fault-async-snapshot",
                "Failure in the asynchronous phase of a checkpoint",
                "writing a task's checkpoint state file throws an IOException once, after"
                        + " checkpoint 1 (checkpoint storage at faulty://, no tolerated failures)",
                actual);
    }

    @Test
    void aFileCommitThatFailsAfterTheCheckpointIsRetriedAfterTheRestart() throws Exception {
        AtomicBoolean fired = new AtomicBoolean();
        List<TestRow> actual =
                run(
                        null,
                        (op, path) ->
                                op == Op.COMMIT
                                        && CHECKPOINTED.get()
                                        && fired.compareAndSet(false, true)
                                        && faultAt());
        assertThat(StorageFaults.injected(Op.COMMIT)).isEqualTo(1);
        report(
                "storage-fault-commit-phase",
                "Failure in the commit phase",
                "the commit of a part file (after its checkpoint completed) throws an IOException"
                        + " once, after checkpoint 1",
                actual);
    }

    @Test
    void randomStorageFaultsOnTheLakeLoseAndDoubleNothing() throws Exception {
        long seed = Long.getLong("lakestream.faults.seed", 20261125L);
        int perOpBudget = LongVariants.pick(2, 5);
        Random random = new Random(seed);
        Map<Op, AtomicInteger> left = new EnumMap<>(Op.class);
        for (Op op : Op.values()) {
            left.put(op, new AtomicInteger(perOpBudget));
        }
        Path lake = dir.resolve("lake");
        List<TestRow> actual =
                run(
                        null,
                        (op, path) -> {
                            if (path != null && !path.toString().contains(lake.toString())) {
                                return false;
                            }
                            // a file takes many writes and one create, commit or rename
                            double p = op == Op.WRITE ? 0.005 : 0.05;
                            boolean fail;
                            synchronized (random) {
                                fail = random.nextDouble() < p;
                            }
                            return fail && left.get(op).getAndDecrement() > 0 && faultAt();
                        });
        String perOp =
                Stream.of(Op.values())
                        .filter(op -> StorageFaults.injected(op) > 0)
                        .map(op -> StorageFaults.injected(op) + " " + op.name().toLowerCase())
                        .collect(Collectors.joining(", "));
        System.out.println("seed " + seed + ": injected " + perOp);
        assertThat(StorageFaults.injected())
                .isPositive()
                .isLessThanOrEqualTo(perOpBudget * Op.values().length);
        report(
                "storage-fault-random",
                "Storage faults at random",
                "IOException at random on create, write, persist, close, commit and rename of lake"
                        + " files (seed "
                        + seed
                        + "; this run: "
                        + perOp
                        + ")",
                actual);
    }

    /** Runs the job with {@code rule}; returns the lake's rows after checking its files. */
    private List<TestRow> run(Path checkpointDir, StorageFaults.Rule rule) throws Exception {
        CHECKPOINTED.set(false);
        MAX_ATTEMPT.set(0);
        FIRST_FAULT_NANOS.set(0);
        RECOVERED_NANOS.set(0);
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        c.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 0);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        // as runs are: RocksDB, one slot on each of two TaskManagers
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS, 2);
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        if (checkpointDir != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    FaultyFileSystemFactory.uri(checkpointDir));
            // every state handle in a file of its own, written in the asynchronous phase
            c.set(CheckpointingOptions.FS_SMALL_FILE_THRESHOLD, MemorySize.ZERO);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(2);

        Path lake = dir.resolve("lake");
        LakeSink<TestRow> sink =
                LakeSink.forTable(new TestTable("t"))
                        .lake(FaultyFileSystemFactory.uri(lake))
                        .runId("faults")
                        .build();
        env.fromSource(
                        new DataGeneratorSource<>(
                                LakeSinkStorageFaultsITCase::row,
                                ROWS,
                                RateLimiterStrategy.perSecond(3000),
                                TypeInformation.of(TestRow.class)),
                        WatermarkStrategy.<TestRow>forMonotonousTimestamps()
                                .withTimestampAssigner((r, t) -> r.ts),
                        "rows")
                .uid("rows")
                .map(new Observer())
                .uid("observer")
                .sinkTo(sink)
                .uid("sink");
        StorageFaults.set(rule);
        try {
            env.execute();
        } finally {
            StorageFaults.clear();
        }
        LakeFinalizer.finish(sink.config());

        assertThat(MAX_ATTEMPT.get())
                .as("restarts, within the restart strategy's limit")
                .isPositive()
                .isLessThanOrEqualTo(RESTART_ATTEMPTS);
        try (Stream<Path> files = Files.walk(lake.resolve("t"))) {
            assertThat(
                            files.filter(p -> p.toString().endsWith(".parquet"))
                                    .filter(p -> !p.getFileName().toString().startsWith("."))
                                    .filter(p -> !Files.exists(p.resolveSibling("_SUCCESS"))))
                    .as("every visible file is in a published partition")
                    .isEmpty();
        }
        // reads every footer and every row of every visible file
        return LakeSinkITCase.allRows(lake.resolve("t"));
    }

    private static boolean faultAt() {
        FIRST_FAULT_NANOS.compareAndSet(0, System.nanoTime());
        return true;
    }

    private static void report(String id, String fault, String induced, List<TestRow> actual) {
        List<TestRow> expected = new ArrayList<>();
        for (long i = 0; i < ROWS; i++) {
            expected.add(row(i));
        }
        long recovered = RECOVERED_NANOS.get();
        ReliabilityRow.of(
                        id,
                        fault,
                        induced,
                        1,
                        expected,
                        actual,
                        Integer.toString(MAX_ATTEMPT.get()),
                        recovered == 0
                                ? "the job finished before another checkpoint"
                                : ReliabilityRow.seconds(
                                                Duration.ofNanos(
                                                        recovered - FIRST_FAULT_NANOS.get()))
                                        + " to the next completed checkpoint")
                .write();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Notes the attempt number (restarts) and the first checkpoint completed after the first fault
     * (recovery).
     */
    static final class Observer extends RichMapFunction<TestRow, TestRow>
            implements CheckpointListener {
        @Override
        public TestRow map(TestRow row) {
            MAX_ATTEMPT.accumulateAndGet(
                    getRuntimeContext().getTaskInfo().getAttemptNumber(), Math::max);
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
            if (FIRST_FAULT_NANOS.get() != 0
                    && getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                RECOVERED_NANOS.compareAndSet(0, System.nanoTime());
            }
        }
    }
}
