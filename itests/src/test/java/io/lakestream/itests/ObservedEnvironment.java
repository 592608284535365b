package io.lakestream.itests;

import io.lakestream.state.CheckpointSettings;
import io.lakestream.state.StateSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;

/**
 * A local environment for the fault tests: a MiniCluster of two TaskManagers with one slot each (so
 * the two subtasks of every operator run in different TaskManagers), the stream settings of a real
 * run ({@link StateSettings#streaming()}: RocksDB, incremental exactly-once checkpoints), and every
 * source the job adds wrapped in an {@link ObservedSource} reporting to a {@link SourceProbe}. The
 * job itself is composed by the production code ({@code JobRunner.submit(env, spec)}), exactly as
 * {@code lakestream run} composes it.
 */
final class ObservedEnvironment extends LocalStreamEnvironment {

    static final int PARALLELISM = 2;

    private final String probe;
    private double recordsPerSecond;

    private ObservedEnvironment(Configuration conf, String probe) {
        super(conf);
        this.probe = probe;
    }

    /** Paces the sources to {@code recordsPerSecond} in all (see {@link ObservedSource}). */
    ObservedEnvironment pacedAt(double recordsPerSecond) {
        this.recordsPerSecond = recordsPerSecond;
        return this;
    }

    /**
     * An environment reporting to {@code probe}, checkpointing every {@code interval} into {@code
     * stateDir}; {@code conf} adds to or overrides the stream settings (e.g. the restart strategy).
     */
    static ObservedEnvironment streaming(
            SourceProbe probe, Duration interval, Path stateDir, Configuration conf) {
        Configuration c =
                new StateSettings(
                                CheckpointSettings.defaults(interval),
                                stateDir.resolve("checkpoints").toAbsolutePath().toUri().toString())
                        .streaming();
        c.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        c.set(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS, PARALLELISM);
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        c.addAll(conf);
        return new ObservedEnvironment(c, probe.name());
    }

    @Override
    public <OUT> DataStreamSource<OUT> fromSource(
            Source<OUT, ?, ?> source,
            WatermarkStrategy<OUT> timestampsAndWatermarks,
            String sourceName,
            TypeInformation<OUT> typeInfo) {
        return super.fromSource(
                ObservedSource.wrap(source, probe, recordsPerSecond),
                timestampsAndWatermarks,
                sourceName,
                typeInfo);
    }
}
