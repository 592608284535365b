package io.lakestream.deploy.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;

/**
 * A real Flink standalone session cluster on this machine: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}), each its own
 * JVM started from the Flink jars on this JVM's classpath, no Flink distribution needed. It is the
 * runtime of {@code lakestream cluster}, and of tests that need TaskManagers they can kill.
 *
 * <p>Everything lives in one directory: {@code config.yaml}, the pid files through which another
 * process ({@code lakestream cluster stop|status}) finds the cluster, and {@code log/}. The
 * processes outlive the JVM that started them until {@link #stop()}.
 *
 * <pre>{@code
 * StandaloneCluster cluster = StandaloneCluster.start(
 *         ClusterSpec.builder(dir).taskManagers(2).restPort(0).build());
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
 *         "localhost", cluster.restPort(), new Configuration());
 * ...
 * cluster.killTaskManager(1);     // fault injection: SIGKILL
 * cluster.stop();
 * }</pre>
 */
public final class StandaloneCluster implements AutoCloseable {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterFiles files;
    private final int restPort;
    private final ClusterProcess jobManager;
    private final List<ClusterProcess> taskManagers;
    private final boolean alreadyRunning;
    private final ClusterRest rest;

    StandaloneCluster(
            ClusterFiles files,
            int restPort,
            ClusterProcess jobManager,
            List<ClusterProcess> taskManagers,
            boolean alreadyRunning) {
        this.files = files;
        this.restPort = restPort;
        this.jobManager = jobManager;
        this.taskManagers = List.copyOf(taskManagers);
        this.alreadyRunning = alreadyRunning;
        this.rest = new ClusterRest(restUrl());
    }

    /**
     * Starts the cluster and returns once every TaskManager has registered. If the cluster of
     * {@code spec.dir()} is already running, returns it instead ({@link #wasAlreadyRunning()}).
     *
     * @throws ClusterException if a port is taken, the memory does not fit Flink's model, or a
     *     process exits or the TaskManagers do not register within the start timeout
     */
    public static StandaloneCluster start(ClusterSpec spec) {
        return ClusterStart.start(spec);
    }

    /** The cluster recorded in {@code dir}, if its JobManager process is alive. */
    public static Optional<StandaloneCluster> find(Path dir) {
        ClusterFiles files = new ClusterFiles(dir);
        return files.running(ClusterProcess.JOB_MANAGER)
                .map(
                        jm -> {
                            List<ClusterProcess> tms = new ArrayList<>();
                            for (ClusterProcess p : files.runningProcesses()) {
                                if (!p.name().equals(ClusterProcess.JOB_MANAGER)) {
                                    tms.add(p);
                                }
                            }
                            int port =
                                    GlobalConfiguration.loadConfiguration(files.dir().toString())
                                            .get(RestOptions.PORT);
                            return new StandaloneCluster(files, port, jm, tms, true);
                        });
    }

    /**
     * Stops every live process recorded in {@code dir}, whether or not its JobManager still runs.
     *
     * @return how many processes were stopped
     */
    public static int stopAll(Path dir) {
        ClusterFiles files = new ClusterFiles(dir);
        List<ClusterProcess> live = files.runningProcesses();
        stopProcesses(files, live);
        files.recordedNames().forEach(files::deletePid);
        return live.size();
    }

    public int restPort() {
        return restPort;
    }

    /** {@code http://localhost:<port>}: the web UI and the REST API. */
    public String restUrl() {
        return "http://" + ClusterConfiguration.HOST + ":" + restPort;
    }

    /** {@code localhost:<port>}: what {@code flink run -m} and {@code submit --jobmanager} take. */
    public String jobManagerAddress() {
        return ClusterConfiguration.HOST + ":" + restPort;
    }

    public Path dir() {
        return files.dir();
    }

    public Path logDir() {
        return files.logDir();
    }

    public ClusterProcess jobManager() {
        return jobManager;
    }

    /** The TaskManager processes, by number (dead ones included, e.g. after a kill). */
    public List<ClusterProcess> taskManagers() {
        return taskManagers;
    }

    /** True if {@code start} found this cluster already running instead of launching it. */
    public boolean wasAlreadyRunning() {
        return alreadyRunning;
    }

    /** What the REST API reports now, or empty if it does not answer. */
    public Optional<ClusterOverview> overview() {
        return rest.overview();
    }

    /**
     * Waits until the REST API reports {@code count} registered TaskManagers, e.g. after {@link
     * #killTaskManager}, when the JobManager notices the loss (heartbeat) and deregisters it.
     *
     * @throws ClusterException if the JobManager exits or the deadline passes
     */
    public ClusterOverview awaitTaskManagers(int count, Duration timeout) {
        return ClusterAwait.until(
                rest,
                List.of(jobManager),
                o -> o.taskManagers() == count,
                ClusterStart.registered(count),
                files.logDir(),
                timeout);
    }

    /** Kills TaskManager {@code index} (from 0) at once, as a crash would (SIGKILL). */
    public void killTaskManager(int index) {
        ClusterProcess tm = taskManagers.get(index);
        tm.handle().destroyForcibly();
        awaitExit(tm, Duration.ofSeconds(30));
    }

    /** Stops the TaskManagers, then the JobManager, and waits until every process has exited. */
    public void stop() {
        List<ClusterProcess> all = new ArrayList<>(taskManagers);
        all.add(jobManager);
        stopProcesses(files, all);
        files.recordedNames().forEach(files::deletePid);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    ClusterRest rest() {
        return rest;
    }

    /**
     * Stops {@code processes}, TaskManagers first (so none outlives the JobManager and retries
     * against nothing): SIGTERM, then after {@link #STOP_TIMEOUT} a forced kill.
     */
    static void stopProcesses(ClusterFiles files, List<ClusterProcess> processes) {
        List<ClusterProcess> ordered = new ArrayList<>();
        processes.stream().filter(p -> !isJobManager(p)).forEach(ordered::add);
        List<ClusterProcess> jobManagers =
                processes.stream().filter(StandaloneCluster::isJobManager).toList();
        for (List<ClusterProcess> wave : List.of(ordered, jobManagers)) {
            wave.forEach(p -> p.handle().destroy());
            for (ClusterProcess p : wave) {
                awaitExit(p, STOP_TIMEOUT);
                files.deletePid(p.name());
            }
        }
    }

    private static boolean isJobManager(ClusterProcess p) {
        return p.name().equals(ClusterProcess.JOB_MANAGER);
    }

    private static void awaitExit(ClusterProcess p, Duration timeout) {
        try {
            try {
                p.handle().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                p.handle().destroyForcibly();
                p.handle().onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while stopping the Flink " + p.title(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException(
                    "the Flink " + p.title() + " (pid " + p.pid() + ") did not exit when killed",
                    e);
        }
    }

    @Override
    public String toString() {
        return "StandaloneCluster["
                + restUrl()
                + ", "
                + taskManagers.size()
                + " TaskManagers, "
                + files.dir()
                + "]";
    }
}
