package io.lakestream.deploy.run;

import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.state.StateSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a planned {@link RunSpec} on an embedded Flink MiniCluster (with the web UI when a port is
 * given), with local checkpoints under the state dir; {@link JobRunner} executes it and finalises
 * its tables, as on any cluster.
 */
public final class LocalRun {

    private final int parallelism;
    private final Duration checkpointInterval;
    private final Path stateDir;
    private final int webUiPort;

    /**
     * @param webUiPort port of the Flink web UI, or 0 for none
     * @param stateDir where stream checkpoints are kept (never inside the lake)
     */
    public LocalRun(int parallelism, Duration checkpointInterval, Path stateDir, int webUiPort) {
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.stateDir = stateDir;
        this.webUiPort = webUiPort;
    }

    /** Executes a planned run (see {@link RunPlanner}) and finalises its tables. */
    public JobRunner.RunResult execute(RunSpec spec) throws Exception {
        return JobRunner.execute(environment(spec), spec);
    }

    /**
     * Starts a planned run without waiting for it, e.g. an unbounded stream that the caller cancels
     * through the returned client. Nothing is finalised.
     */
    public JobClient start(RunSpec spec) throws Exception {
        return JobRunner.start(environment(spec), spec);
    }

    private StreamExecutionEnvironment environment(RunSpec spec) {
        StateSettings settings =
                new StateSettings(
                        checkpointInterval,
                        stateDir.resolve("checkpoints").toAbsolutePath().toUri().toString());
        Configuration conf = spec.mode == RunMode.STREAM ? settings.streaming() : settings.batch();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        if (webUiPort > 0) {
            conf.set(RestOptions.PORT, webUiPort);
            return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        }
        return StreamExecutionEnvironment.createLocalEnvironment(conf);
    }
}
