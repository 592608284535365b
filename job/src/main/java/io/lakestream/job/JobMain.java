package io.lakestream.job;

import io.lakestream.connectors.kafka.KafkaUnavailableException;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import io.lakestream.connectors.lake.source.LakeScanException;
import io.lakestream.job.config.ConfigDefaults;
import io.lakestream.job.config.ConfigException;
import io.lakestream.job.config.ConfigOption;
import io.lakestream.pipelines.ingest.QuarantineRateExceededException;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.state.StateSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The job jar's entry class: {@code flink run -c io.lakestream.job.JobMain lakestream-job.jar run
 * --pipelines ... --mode stream|backfill ...} takes the same options as {@code lakestream run}, and
 * runs on the cluster that submits it (session, application mode, the Kubernetes operator) instead
 * of an embedded MiniCluster. Parallelism and the cluster's defaults come from Flink ({@code -p},
 * its {@code config.yaml}); checkpoints go to {@code --checkpoint-dir} or to the cluster's {@code
 * execution.checkpointing.dir}.
 *
 * <p>A bounded run (a backfill, {@code --until latest}) must be followed to its end, because its
 * last partitions are published by this process when the job finishes (see {@link JobRunner});
 * detached, it is refused. A detached stream is submitted and left running.
 *
 * <p>{@code --from-savepoint PATH} restarts a stream from a savepoint (as {@code flink run -s}
 * does, never allowing non-restored state); a savepoint the job cannot restore is a user mistake.
 *
 * <p>User mistakes print one line and exit with status 2, as the CLI does.
 */
@Command(
        name = "lakestream-job",
        mixinStandardHelpOptions = true,
        description = "Runs Lakestream pipelines on the Flink cluster that submits this jar.",
        subcommands = {JobMain.Run.class})
public final class JobMain implements Runnable {

    /** Exit status of a user mistake. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line; returns the exit status (0 when the run succeeded). */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new JobMain());
        cli.setParameterExceptionHandler(
                (e, a) -> {
                    String hint = e.getCause() instanceof ConfigException ? "" : " (see --help)";
                    e.getCommandLine().getErr().println("lakestream: " + e.getMessage() + hint);
                    return USAGE;
                });
        cli.setExecutionExceptionHandler(
                (e, c, parsed) -> {
                    PrintWriter err = c.getErr();
                    if (e instanceof IllegalArgumentException
                            || e instanceof KafkaUnavailableException
                            || e instanceof LakeScanException) {
                        err.println("lakestream: " + e.getMessage());
                        return USAGE;
                    }
                    Run run = c.getCommand() instanceof Run r ? r : null;
                    var restoreFailure =
                            RestoreFailure.describe(e, run == null ? null : run.restore);
                    if (restoreFailure.isPresent()) {
                        err.println("lakestream: " + restoreFailure.get());
                        return USAGE;
                    }
                    QuarantineRateExceededException breach =
                            QuarantineRateExceededException.find(e);
                    if (breach != null) {
                        err.println("lakestream: " + breach.getMessage());
                        return 1;
                    }
                    QualityBreachException qualityBreach = QualityBreachException.find(e);
                    if (qualityBreach != null) {
                        err.println("lakestream: " + qualityBreach.getMessage());
                        return 1;
                    }
                    err.println("lakestream: the job failed: " + rootMessage(e));
                    return 1;
                });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this), "a sub-command is required: run");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** {@code run}: the job of {@code lakestream run}, on this cluster. */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Runs pipelines as a stream or a backfill on the submitting cluster.",
            defaultValueProvider = ConfigDefaults.class,
            sortOptions = false)
    static final class Run implements Callable<Integer> {

        @Mixin ConfigOption config;

        @Mixin JobOptions job;

        /** The savepoint this run restores, if any: named when its restore fails. */
        SavepointRestore restore;

        @Override
        public Integer call() throws Exception {
            RunSpec spec = RunPlanner.plan(job.spec(), Duration.ofSeconds(30));
            StateSettings state = new StateSettings(job.checkpoints(), job.checkpointDir);
            Configuration conf = spec.mode == RunMode.STREAM ? state.streaming() : state.batch();
            restore = job.restore();
            if (restore != null) {
                restore.applyTo(conf);
            }
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            boolean bounded = spec.mode == RunMode.BACKFILL || spec.untilLatest;
            System.out.printf(
                    "Run %s: %s of %s into %s%s%n",
                    spec.runId,
                    spec.mode.label(),
                    String.join(",", spec.pipelines),
                    spec.lake,
                    spec.replay == null
                            ? ""
                            : " (replaying " + spec.replay.records() + " records)");
            if (!env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
                if (bounded) {
                    throw new IllegalArgumentException(
                            "a backfill or --until latest run must be followed to its end (its last"
                                    + " partitions are published when it finishes): submit it"
                                    + " attached (flink run without -d; execution.attached: true)");
                }
                JobClient client = JobRunner.start(env, spec, job.lineage());
                System.out.println("Submitted job " + client.getJobID() + " (detached stream)");
                return 0;
            }
            JobRunner.RunResult result = JobRunner.execute(env, spec, job.lineage());
            System.out.println(result.summary());
            return 0;
        }
    }
}
