package io.lakestream.deploy.cli;

import io.lakestream.job.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code lakestream} command line.
 *
 * <p>Every sub-command is a small class of its own. A user's mistake (a bad flag, an unreachable
 * broker, an invalid date range) is reported as one line on stderr with a non-zero exit code:
 * sub-commands throw {@link UserError} for those, and only unexpected failures print a stack trace.
 */
@Command(
        name = "lakestream",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // --help and --version on every sub-command
        versionProvider = LakestreamCli.Version.class,
        description =
                "Write a data pipeline once; run it as a live stream and as a backfill on Apache"
                        + " Flink, landing exactly-once Parquet in a data lake.",
        footer = {
            "",
            "bin/lakestream bench [--scale N] [--runs N]: the benchmarks against peers (from the"
                    + " bench module; `bin/lakestream bench --help`)."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            KafkaCommand.class,
            ClusterCommand.class,
            GenerateCommand.class,
            RunCommand.class,
            SubmitCommand.class,
            K8sCommand.class,
            VerifyCommand.class,
            CompactCommand.class,
            StatsCommand.class,
            RepairCommand.class,
            LineageCommand.class,
            ForgetUserCommand.class
        })
public final class LakestreamCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting the JVM (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new LakestreamCli());
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    Throwable cause = UserError.find(ex);
                    if (cause != null) {
                        commandLine.getErr().println("lakestream: " + cause.getMessage());
                        return 2;
                    }
                    throw ex;
                });
        cli.setParameterExceptionHandler(
                (ex, args1) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println("lakestream: " + ex.getMessage());
                    if (ex.getCause() instanceof ConfigException) {
                        return 2; // the message names the file, the key and the fix
                    }
                    cmd.getErr()
                            .println(
                                    "Try '"
                                            + cmd.getCommandSpec().qualifiedName()
                                            + " --help' for usage.");
                    return 2;
                });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a command is required (demo, kafka, cluster, generate, run, submit, k8s, verify,"
                        + " repair, compact, stats, lineage, forget-user)");
    }

    /** Prints the version of the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LakestreamCli.class.getPackage().getImplementationVersion();
            return new String[] {"lakestream " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
