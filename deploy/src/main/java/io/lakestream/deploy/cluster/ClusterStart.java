package io.lakestream.deploy.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;

/**
 * The start sequence of {@link StandaloneCluster#start}: reuse this directory's running cluster, or
 * stop its leftovers, check the ports, compute every process's memory flags (before anything is
 * launched, so a bad size fails in one line), write {@code config.yaml}, launch the JobManager and
 * the TaskManagers together (a TaskManager retries until the JobManager answers) and wait until the
 * REST API reports every TaskManager with its slots. A start that fails stops what it launched.
 */
final class ClusterStart {

    private ClusterStart() {}

    static StandaloneCluster start(ClusterSpec spec) {
        ClusterFiles files = new ClusterFiles(spec.dir());
        Optional<StandaloneCluster> running = StandaloneCluster.find(files.dir());
        if (running.isPresent()) {
            int port = running.get().restPort();
            if (spec.restPort() != 0 && spec.restPort() != port) {
                throw new ClusterException(
                        "the Flink cluster of "
                                + files.dir()
                                + " is already running with its REST API on port "
                                + port
                                + "; stop it first, or use port "
                                + port);
            }
            return running.get();
        }
        // processes of an earlier cluster whose JobManager is gone would join the new one
        StandaloneCluster.stopProcesses(files, files.runningProcesses());
        files.recordedNames().forEach(files::deletePid);
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(spec, files);
            } catch (ClusterException e) {
                // a free port picked here can be taken by another process before the JobManager
                // binds it; pick again (not when the user chose the port)
                boolean portsPicked =
                        !spec.settings().containsKey(JobManagerOptions.PORT.key())
                                && !spec.settings().containsKey(BlobServerOptions.PORT.key());
                if (attempt == MAX_ATTEMPTS || !portsPicked || !isBindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /** Start attempts when a picked port was taken meanwhile. */
    static final int MAX_ATTEMPTS = 3;

    static boolean isBindFailure(ClusterException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return e.portTaken()
                || m.contains("failed to bind")
                || m.contains("address already in use");
    }

    private static StandaloneCluster launch(ClusterSpec spec, ClusterFiles files) {
        int restPort =
                spec.restPort() == 0 ? LocalPorts.free() : LocalPorts.requireFree(spec.restPort());
        int rpcPort = LocalPorts.free();
        while (rpcPort == restPort) {
            rpcPort = LocalPorts.free();
        }
        Configuration configuration = ClusterConfiguration.of(spec, files, restPort, rpcPort);
        ProcessMemory.Flags jobManagerMemory = ProcessMemory.jobManager(configuration);
        ProcessMemory.Flags taskManagerMemory = ProcessMemory.taskManager(configuration);

        ProcessLauncher launcher = new ProcessLauncher(files);
        launcher.writeLog4jConfig();
        ClusterFiles.write(files.configFile(), ClusterConfiguration.render(configuration));

        List<ClusterProcess> launched = new ArrayList<>();
        try {
            ClusterProcess jobManager =
                    launcher.launch(ClusterProcess.JOB_MANAGER, jobManagerMemory);
            launched.add(jobManager);
            List<ClusterProcess> taskManagers = new ArrayList<>();
            for (int i = 0; i < spec.taskManagers(); i++) {
                ClusterProcess tm =
                        launcher.launch(ClusterProcess.taskManagerName(i), taskManagerMemory);
                launched.add(tm);
                taskManagers.add(tm);
            }
            StandaloneCluster cluster =
                    new StandaloneCluster(files, restPort, jobManager, taskManagers, false);
            int n = spec.taskManagers();
            int slots = n * spec.slots();
            ClusterAwait.until(
                    cluster.rest(),
                    launched,
                    o -> o.taskManagers() == n && o.slotsTotal() == slots,
                    registered(n) + " with " + slots + " slots",
                    files.logDir(),
                    spec.startTimeout());
            return cluster;
        } catch (RuntimeException e) {
            StandaloneCluster.stopProcesses(files, launched);
            throw e;
        }
    }

    static String registered(int taskManagers) {
        return taskManagers + " registered TaskManager" + (taskManagers == 1 ? "" : "s");
    }
}
