package io.lakestream.deploy.run;

import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.job.SavepointRestore;
import io.lakestream.job.lineage.LineageConfig;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.state.CheckpointSettings;
import io.lakestream.state.StateSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a planned {@link RunSpec} on an embedded Flink MiniCluster (with the web UI when a port is
 * given), with local checkpoints under the state dir; {@link JobRunner} executes it and finalises
 * its tables, as on any cluster.
 */
public final class LocalRun {

    /** Managed memory of the embedded cluster (sorts of a backfill, RocksDB of a stream). */
    static final MemorySize MANAGED_MEMORY = MemorySize.ofMebiBytes(1024);

    /**
     * Network buffers of the embedded cluster: its default 64 MiB holds the all-to-all exchanges of
     * the pipelines up to a parallelism of about 8 (each channel of each keyed exchange takes its
     * buffers); beyond that a run would fail with "Insufficient number of network buffers". The
     * buffers grow with the channels, i.e. with the square of the parallelism.
     */
    static MemorySize networkMemory(int parallelism) {
        return MemorySize.ofMebiBytes(Math.max(64, 2L * parallelism * parallelism));
    }

    private final int parallelism;
    private final CheckpointSettings checkpoints;
    private final String checkpointDir;
    private final Path stateDir;
    private final int webUiPort;
    private SavepointRestore restore;
    private LineageConfig lineage = LineageConfig.FILES_ONLY;
    private int restPort;

    /**
     * @param webUiPort port of the Flink web UI, or 0 for none
     * @param stateDir where stream checkpoints are kept (never inside the lake)
     */
    public LocalRun(int parallelism, Duration checkpointInterval, Path stateDir, int webUiPort) {
        this(
                parallelism,
                CheckpointSettings.defaults(checkpointInterval),
                null,
                stateDir,
                webUiPort);
    }

    /**
     * @param checkpoints how a stream checkpoints
     * @param checkpointDir where stream checkpoints go (a URI), or null for {@code
     *     <stateDir>/checkpoints}
     * @param stateDir local state (never inside the lake)
     * @param webUiPort port of the Flink web UI, or 0 for none
     */
    public LocalRun(
            int parallelism,
            CheckpointSettings checkpoints,
            String checkpointDir,
            Path stateDir,
            int webUiPort) {
        this.parallelism = parallelism;
        this.checkpoints = checkpoints;
        this.checkpointDir = checkpointDir;
        this.stateDir = stateDir;
        this.webUiPort = webUiPort;
    }

    /**
     * Starts the runs from here on from {@code restore} (a savepoint or retained checkpoint), or
     * from nothing when it is null; returns this run.
     */
    public LocalRun fromSavepoint(SavepointRestore restore) {
        this.restore = restore;
        return this;
    }

    /**
     * Sends the lineage of the runs from here on per {@code lineage} (besides the lake's {@code
     * _lineage/} files, always written); returns this run.
     */
    public LocalRun withLineage(LineageConfig lineage) {
        this.lineage = lineage;
        return this;
    }

    /** Executes a planned run (see {@link RunPlanner}) and finalises its tables. */
    public JobRunner.RunResult execute(RunSpec spec) throws Exception {
        return JobRunner.execute(environment(spec), spec, lineage);
    }

    /**
     * Submits a planned run; {@link JobRunner.Submitted#awaitAndFinalise()} follows it to its end
     * and finalises its tables, so a caller can watch it (e.g. through {@link #restPort()}) while
     * it runs.
     */
    public JobRunner.Submitted submit(RunSpec spec) throws Exception {
        return JobRunner.submit(environment(spec), spec, lineage);
    }

    /**
     * The port of the MiniCluster's REST API (the web UI's when it has one): the web UI port, or
     * else a free port picked now, which the runs started from here on listen on. A run started
     * without asking has a REST API on a random port nobody knows.
     */
    public synchronized int restPort() {
        if (restPort == 0) {
            restPort = webUiPort > 0 ? webUiPort : freePort();
        }
        return restPort;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("localhost", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a planned run without waiting for it, e.g. an unbounded stream that the caller cancels
     * through the returned client. Nothing is finalised.
     */
    public JobClient start(RunSpec spec) throws Exception {
        return JobRunner.start(environment(spec), spec, lineage);
    }

    private StreamExecutionEnvironment environment(RunSpec spec) {
        StateSettings settings =
                new StateSettings(
                        checkpoints,
                        checkpointDir != null
                                ? checkpointDir
                                : stateDir.resolve("checkpoints")
                                        .toAbsolutePath()
                                        .toUri()
                                        .toString());
        Configuration conf = spec.mode == RunMode.STREAM ? settings.streaming() : settings.batch();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // an embedded cluster gets 128 MiB of managed memory unless told otherwise: a backfill's
        // sorts (one per keyed step) then spill to disk at a few hundred thousand events, and a
        // stream's RocksDB gets a small cache (a TaskManager of `cluster start` has 614 MiB)
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        MemorySize network = networkMemory(parallelism);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        if (restore != null) {
            restore.applyTo(conf);
        }
        // metrics behind the REST API (progress, the web UI) fresh every second, not every 10 s
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        synchronized (this) {
            if (restPort > 0) {
                conf.set(RestOptions.PORT, restPort);
            }
        }
        if (webUiPort > 0) {
            conf.set(RestOptions.PORT, webUiPort);
            return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        }
        return StreamExecutionEnvironment.createLocalEnvironment(conf);
    }
}
