package io.lakestream.deploy.cli;

import io.lakestream.connectors.kafka.KafkaUnavailableException;
import io.lakestream.connectors.lake.source.LakeScanException;
import io.lakestream.deploy.cluster.JobManagerAddress;
import io.lakestream.deploy.progress.ProgressReporter;
import io.lakestream.job.JobOptions;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.job.SavepointRestore;
import io.lakestream.job.config.ConfigDefaults;
import io.lakestream.job.config.ConfigOption;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.state.StateSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lakestream submit}: the job of {@code lakestream run}, submitted with the job jar to a
 * running Flink session cluster through its REST API, as {@code flink run} does. The job graph is
 * built here (planned offsets included), the jar travels with it, the cluster's TaskManagers run
 * it. A bounded run is followed to its end, because its last partitions are published by this
 * process when the job finishes.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Submits pipelines to a running Flink session cluster (e.g. `lakestream cluster"
                    + " start`), with the job jar, through its REST API: prints the job id and"
                    + " its web UI page; --follow waits for the job's end. Backfills and --until"
                    + " latest are always followed: their partitions are published when the job"
                    + " ends. Takes the options of `run`."
        },
        defaultValueProvider = ConfigDefaults.class,
        sortOptions = false)
final class SubmitCommand implements Callable<Integer> {

    @Option(
            names = "--jobmanager",
            required = true,
            paramLabel = "HOST:PORT",
            description = "The cluster's REST address, e.g. localhost:8081.")
    String jobmanager;

    @Option(names = "--follow", description = "Wait for the job's end and print its counts.")
    boolean follow;

    @Option(
            names = "--parallelism",
            description = "Default parallelism of the job (default: the cluster's).")
    Integer parallelism;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            description =
                    "The job jar (default: job/target/lakestream-job.jar, built by bin/lakestream).")
    Path jar;

    @Mixin ConfigOption config;

    @Mixin JobOptions job;

    @Mixin ProgressOptions progress;

    @Override
    public Integer call() throws Exception {
        JobManagerAddress address;
        try {
            address = JobManagerAddress.parse(jobmanager);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Path jobJar = jobJar();
        progress.mode();
        RunSpec spec;
        try {
            spec = job.spec();
            address.requireCompatibleCluster(Duration.ofSeconds(10));
            spec = RunPlanner.plan(spec, Duration.ofSeconds(15));
        } catch (IllegalArgumentException
                | IllegalStateException
                | KafkaUnavailableException
                | LakeScanException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read the lake " + job.lake + ": " + e.getMessage(), e);
        }
        if (parallelism != null && parallelism < 1) {
            throw new UserError("--parallelism must be at least 1, was " + parallelism);
        }
        StateSettings state = new StateSettings(job.checkpoints(), job.checkpointDir);
        Configuration conf = spec.mode == RunMode.STREAM ? state.streaming() : state.batch();
        if (parallelism != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        SavepointRestore restore = job.restore();
        if (restore != null) {
            restore.applyTo(conf);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        address.host(), address.port(), conf, jobJar.toString());
        boolean bounded = spec.mode == RunMode.BACKFILL || spec.untilLatest;
        JobRunner.Submitted submitted;
        try {
            submitted = JobRunner.submit(env, spec, job.lineage());
        } catch (Exception e) {
            throw Failures.jobFailed(e, "the cluster's JobManager log", restore);
        }
        String id = submitted.client().getJobID().toString();
        System.out.printf(
                "Submitted run %s (%s of %s) as job %s%nWeb UI: %s%n",
                spec.runId,
                spec.mode.label(),
                String.join(",", spec.pipelines),
                id,
                address.jobPage(id));
        if (!follow && !bounded) {
            return 0;
        }
        JobRunner.RunResult result;
        Optional<ProgressReporter> reporter = progress.start(spec, address.url(), id);
        try {
            result = submitted.awaitAndFinalise();
            reporter.ifPresent(r -> r.finish(true));
        } catch (Exception e) {
            throw Failures.jobFailed(
                    e,
                    address.jobPage(id).replace("/overview", "/exceptions")
                            + " and the cluster's logs",
                    restore);
        } finally {
            reporter.ifPresent(ProgressReporter::close);
        }
        System.out.println(result.summary());
        return 0;
    }

    private Path jobJar() {
        Path file = jar;
        if (file == null) {
            String home = System.getProperty("lakestream.home");
            if (home == null) {
                throw new UserError("--jar is required outside bin/lakestream");
            }
            file = Path.of(home, "job", "target", "lakestream-job.jar");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(
                    "no job jar at "
                            + file
                            + ": build it with 'mvn -pl job -am package -DskipTests', or pass --jar");
        }
        return file;
    }
}
