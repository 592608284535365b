package io.lakestream.state;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * The state backend, checkpointing and restart settings of a run, in one place.
 *
 * <p>A stream keeps its state in RocksDB with incremental checkpoints (exactly-once, every {@code
 * checkpointInterval}); a backfill runs in BATCH mode, where Flink sorts by key and needs neither
 * checkpoints nor a durable state backend. Restarts are bounded, so a deterministic failure ends
 * the job visibly instead of restarting forever.
 *
 * <p>The checkpoint timing (timeout, min pause, retained checkpoints, unaligned barriers) lives in
 * {@link CheckpointSettings}; {@link #StateSettings(Duration, String)} takes its defaults.
 */
public final class StateSettings {

    /**
     * How long a checkpoint's barriers stay aligned before they overtake the records queued in
     * front of them (when {@link CheckpointSettings#unaligned()}): without back-pressure they align
     * in well under this and the checkpoint stores no in-flight data.
     */
    static final Duration ALIGNED_CHECKPOINT_TIMEOUT = Duration.ofSeconds(2);

    /** RocksDB timers kept on the heap per key group (Flink's default is 128). */
    static final int TIMER_CACHE_PER_KEY_GROUP = 4096;

    private final CheckpointSettings checkpoints;
    private final String checkpointDir;

    /** Checkpoints every {@code checkpointInterval}, with {@link CheckpointSettings#defaults}. */
    public StateSettings(Duration checkpointInterval, String checkpointDir) {
        this(CheckpointSettings.defaults(checkpointInterval), checkpointDir);
    }

    /**
     * @param checkpoints checkpoint timing for {@link #streaming()}
     * @param checkpointDir where checkpoints go (a file system URI), or null for Flink's default
     */
    public StateSettings(CheckpointSettings checkpoints, String checkpointDir) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.checkpointDir = checkpointDir;
    }

    /** The checkpoint timing applied by {@link #streaming()}. */
    public CheckpointSettings checkpoints() {
        return checkpoints;
    }

    /** Settings for a stream: RocksDB, incremental, exactly-once checkpoints. */
    public Configuration streaming() {
        Configuration c = common();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // lookups of absent keys (a new event id, a user's first event of a date) are the common
        // case: RocksDB's own Bloom filters answer them without reading data blocks
        c.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // event-time timers (one per key and window: a day's windows of user_daily fire together)
        // live in RocksDB with a small heap cache of the earliest ones per key group; each refill
        // of that cache scans the tombstones of every timer fired before it, so firing n timers
        // costs about n² / cache size. At the default of 128, firing 1.7M day windows held a
        // checkpoint for 44 s (380 s after a restore) in `lakestream bench`; 4096 entries per key
        // group are at most a few tens of MB of heap per operator
        c.set(RocksDBOptions.ROCKSDB_TIMER_SERVICE_FACTORY_CACHE_SIZE, TIMER_CACHE_PER_KEY_GROUP);
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoints.interval());
        c.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        c.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpoints.timeout());
        c.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, checkpoints.minPause());
        c.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, checkpoints.maxRetained());
        c.set(CheckpointingOptions.ENABLE_UNALIGNED, checkpoints.unaligned());
        if (checkpoints.unaligned()) {
            // a day's end fires all of that day's user_daily windows at one watermark (1.7M in
            // `lakestream bench`): the barrier waited behind the whole firing (60-100 s on
            // RocksDB) and then behind the back-pressured records (35 s). Unaligned barriers
            // overtake those records once aligning takes longer than the timeout, and operators
            // that allow it (user_daily's windows) let a barrier in between two timers. ADR 0024
            c.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, ALIGNED_CHECKPOINT_TIMEOUT);
            c.set(CheckpointingOptions.ENABLE_UNALIGNED_INTERRUPTIBLE_TIMERS, true);
        }
        if (checkpointDir != null) {
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        return c;
    }

    /** Settings for a backfill: BATCH mode, heap state. */
    public Configuration batch() {
        Configuration c = common();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        c.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        return c;
    }

    private static Configuration common() {
        Configuration c = new Configuration();
        // every type has a Flink serializer: no silent Kryo fallback
        c.set(PipelineOptions.GENERIC_TYPES, false);
        // chained operators hand records over without a deep copy (a reflective POJO copy of
        // every event at every chained step was ~6 % of the CPU of a stream and of a backfill,
        // JFR): no operator of the job modifies its input or keeps it beyond the call, and the
        // records Flink reads from the network or from a backfill's sorted inputs are always
        // fresh objects
        c.set(PipelineOptions.OBJECT_REUSE, true);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, 5);
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofMillis(500));
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofSeconds(10));
        return c;
    }

    /**
     * A time-to-live for keyed state that must outlive {@code retention} (e.g. dedup keys: max
     * delay + lookback). Processing time, as Flink's state TTL is; expired entries are also dropped
     * during RocksDB compaction.
     */
    public static StateTtlConfig ttl(Duration retention) {
        return StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupInRocksdbCompactFilter(10_000)
                .build();
    }
}
