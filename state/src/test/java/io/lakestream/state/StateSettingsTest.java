package io.lakestream.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;

class StateSettingsTest {

    @Test
    void streamingUsesIncrementalRocksDbAndTheDefaultCheckpointTiming() {
        Configuration c = new StateSettings(Duration.ofSeconds(10), "file:///tmp/cp").streaming();
        assertThat(c.get(ExecutionOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.STREAMING);
        assertThat(c.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(
                        c.get(
                                org.apache.flink.state.rocksdb.RocksDBConfigurableOptions
                                        .USE_BLOOM_FILTER))
                .isTrue();
        assertThat(c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(
                        c.get(
                                org.apache.flink.state.rocksdb.RocksDBOptions
                                        .ROCKSDB_TIMER_SERVICE_FACTORY_CACHE_SIZE))
                .isEqualTo(4096);
        // chained operators share records, in a stream and in a backfill
        assertThat(c.get(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE)).isTrue();
        assertThat(
                        new StateSettings(Duration.ofSeconds(10), "file:///tmp/cp")
                                .batch()
                                .get(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE))
                .isTrue();
        assertThat(c.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(c.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(c.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(c.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(c.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(3);
        // barriers overtake records only after aligning for 2 s, and may interrupt timers
        assertThat(c.get(CheckpointingOptions.ENABLE_UNALIGNED)).isTrue();
        assertThat(c.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(CheckpointingOptions.isUnalignedCheckpointInterruptibleTimersEnabled(c))
                .isTrue();
        assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp");
        assertThat(c.get(PipelineOptions.GENERIC_TYPES)).isFalse();
    }

    @Test
    void customCheckpointTimingIsApplied() {
        CheckpointSettings cp =
                CheckpointSettings.defaults(Duration.ofMinutes(1))
                        .withTimeout(Duration.ofMinutes(3))
                        .withMinPause(Duration.ofSeconds(5))
                        .withMaxRetained(5)
                        .withUnaligned(false);
        StateSettings settings = new StateSettings(cp, null);
        Configuration c = settings.streaming();
        assertThat(settings.checkpoints()).isEqualTo(cp);
        assertThat(c.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(c.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(c.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(c.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(5);
        assertThat(c.get(CheckpointingOptions.ENABLE_UNALIGNED)).isFalse();
        assertThat(c.contains(CheckpointingOptions.ENABLE_UNALIGNED_INTERRUPTIBLE_TIMERS))
                .isFalse();
        assertThat(c.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isFalse();
    }

    @Test
    void batchUsesHeapStateAndNoCheckpoints() {
        Configuration c = new StateSettings(Duration.ofSeconds(10), null).batch();
        assertThat(c.get(ExecutionOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.BATCH);
        assertThat(c.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(c.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isFalse();
    }

    @Test
    void invalidCheckpointSettingsAreRefused() {
        assertThatThrownBy(() -> new StateSettings(Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(
                        () -> CheckpointSettings.defaults(Duration.ofSeconds(1)).withMaxRetained(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                CheckpointSettings.defaults(Duration.ofSeconds(1))
                                        .withMinPause(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ttlNeverReturnsExpiredState() {
        StateTtlConfig ttl = StateSettings.ttl(Duration.ofDays(2));
        assertThat(ttl.isEnabled()).isTrue();
        assertThat(ttl.getTimeToLive()).isEqualTo(Duration.ofDays(2));
        assertThat(ttl.getStateVisibility())
                .isEqualTo(StateTtlConfig.StateVisibility.NeverReturnExpired);
        assertThat(ttl.getUpdateType()).isEqualTo(StateTtlConfig.UpdateType.OnCreateAndWrite);
    }
}
