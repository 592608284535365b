package io.lakestream.deploy.cli;

import io.lakestream.deploy.cluster.ClusterException;
import io.lakestream.deploy.cluster.ClusterOverview;
import io.lakestream.deploy.cluster.ClusterSpec;
import io.lakestream.deploy.cluster.StandaloneCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.MemorySize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakestream cluster start|stop|status}: a real Flink standalone session cluster on this
 * machine (a JobManager and N TaskManager processes), to submit jobs to and to see them fail over
 * when a TaskManager dies. The directory identifies the cluster: {@code stop} and {@code status}
 * find its processes through the pid files {@code start} leaves there.
 */
@Command(
        name = "cluster",
        description = "Start, stop or check a local Flink standalone session cluster.",
        subcommands = {
            ClusterCommand.Start.class,
            ClusterCommand.Stop.class,
            ClusterCommand.Status.class
        })
final class ClusterCommand implements Runnable {

    /** Exit code of {@code status} when the cluster does not run or does not answer. */
    static final int NOT_RUNNING = 3;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a sub-command is required (start, stop, status)");
    }

    static final class DirOption {
        @Option(
                names = "--dir",
                paramLabel = "DIR",
                defaultValue = ".lakestream/cluster",
                description = "Config, pid files and logs (default: ${DEFAULT-VALUE}).")
        Path dir;
    }

    @Command(
            name = "start",
            description =
                    "Start the cluster in the background; returns once every TaskManager has"
                            + " registered.")
    static final class Start implements Callable<Integer> {
        @CommandLine.Mixin DirOption dir;
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--taskmanagers",
                paramLabel = "N",
                defaultValue = "1",
                description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(
                names = "--slots",
                paramLabel = "S",
                defaultValue = "2",
                description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(
                names = "--port",
                paramLabel = "PORT",
                description = "REST API and web UI port on localhost (default: 8081).")
        Integer port;

        @Option(
                names = "--taskmanager-memory",
                paramLabel = "SIZE",
                defaultValue = "2560m",
                converter = MemorySizeConverter.class,
                description =
                        "Memory of each TaskManager process, taskmanager.memory.process.size"
                                + " (default: ${DEFAULT-VALUE}).")
        MemorySize taskManagerMemory;

        @Override
        public Integer call() {
            if (taskManagers < 1) {
                throw new UserError("--taskmanagers must be at least 1, not " + taskManagers);
            }
            if (slots < 1) {
                throw new UserError("--slots must be at least 1, not " + slots);
            }
            int p = port == null ? ClusterSpec.DEFAULT_REST_PORT : port;
            if (p < 1 || p > 65535) {
                throw new UserError("--port must be between 1 and 65535, not " + p);
            }
            // without --port, a cluster already running for the dir is fine on any port
            boolean running = StandaloneCluster.find(dir.dir).isPresent();
            ClusterSpec clusterSpec =
                    ClusterSpec.builder(dir.dir)
                            .taskManagers(taskManagers)
                            .slots(slots)
                            .restPort(port == null && running ? 0 : p)
                            .taskManagerMemory(taskManagerMemory)
                            .build();
            long started = System.nanoTime();
            StandaloneCluster cluster;
            try {
                cluster = StandaloneCluster.start(clusterSpec);
            } catch (ClusterException e) {
                throw new UserError(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            Optional<ClusterOverview> overview = cluster.overview();
            if (cluster.wasAlreadyRunning()) {
                out.println(
                        "Flink cluster of "
                                + cluster.dir()
                                + " already running: "
                                + overview.map(ClusterCommand::slots).orElse("not answering")
                                + ", web UI "
                                + cluster.restUrl());
            } else {
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf(
                        "Flink cluster running: %s (started in %.1f s)%n",
                        overview.map(ClusterCommand::slots).orElse("?"), seconds);
                out.println("  web UI      " + cluster.restUrl());
                out.println(
                        "  JobManager  "
                                + cluster.jobManagerAddress()
                                + "  (submit --jobmanager "
                                + cluster.jobManagerAddress()
                                + ", or flink run -m "
                                + cluster.jobManagerAddress()
                                + ")");
                out.println("  logs        " + cluster.logDir());
                out.println("  stop with   lakestream cluster stop --dir " + dir.dir);
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "stop",
            description = "Stop every process of the cluster (TaskManagers first) and wait for it.")
    static final class Stop implements Callable<Integer> {
        @CommandLine.Mixin DirOption dir;
        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int stopped;
            try {
                stopped = StandaloneCluster.stopAll(dir.dir);
            } catch (ClusterException e) {
                throw new UserError(e.getMessage(), e);
            }
            out.println(
                    stopped == 0
                            ? "No Flink cluster running for dir " + dir.dir
                            : "Flink cluster stopped (" + stopped + " processes)");
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "status",
            description =
                    "Show the TaskManagers and slots; exit code 0 if the cluster answers, 3 if not.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin DirOption dir;
        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<StandaloneCluster> cluster = StandaloneCluster.find(dir.dir);
            Optional<ClusterOverview> overview = cluster.flatMap(StandaloneCluster::overview);
            int code = 0;
            if (cluster.isEmpty()) {
                out.println("No Flink cluster running for dir " + dir.dir);
                code = NOT_RUNNING;
            } else if (overview.isEmpty()) {
                out.println(
                        "Flink JobManager process is up (pid "
                                + cluster.get().jobManager().pid()
                                + ") but its REST API does not answer on "
                                + cluster.get().restUrl()
                                + "; see "
                                + cluster.get().jobManager().log());
                code = NOT_RUNNING;
            } else {
                ClusterOverview o = overview.get();
                out.println(
                        "Flink "
                                + o.flinkVersion()
                                + " cluster running: web UI "
                                + cluster.get().restUrl()
                                + ", JobManager "
                                + cluster.get().jobManagerAddress()
                                + " (pid "
                                + cluster.get().jobManager().pid()
                                + ")");
                out.println(slots(o) + ", " + o.jobsRunning() + " jobs running");
                for (ClusterOverview.TaskManager tm : o.taskManagerDetails()) {
                    out.println(
                            "  "
                                    + tm.id()
                                    + "  "
                                    + tm.slots()
                                    + " slots, "
                                    + tm.freeSlots()
                                    + " free");
                }
            }
            out.flush();
            return code;
        }
    }

    static String slots(ClusterOverview o) {
        return o.taskManagers()
                + (o.taskManagers() == 1 ? " TaskManager, " : " TaskManagers, ")
                + o.slotsTotal()
                + " slots ("
                + o.slotsAvailable()
                + " free)";
    }

    /** {@code 512m}, {@code 2g}, ... as Flink writes memory sizes. */
    static final class MemorySizeConverter implements CommandLine.ITypeConverter<MemorySize> {
        @Override
        public MemorySize convert(String value) {
            try {
                return MemorySize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a memory size (e.g. 1728m, 2g)");
            }
        }
    }
}
