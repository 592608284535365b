package io.lakestream.deploy.cluster;

import java.util.List;

/**
 * What the cluster's REST API reports: {@code /overview} and, per TaskManager, {@code
 * /taskmanagers}.
 */
public record ClusterOverview(
        String flinkVersion,
        int taskManagers,
        int slotsTotal,
        int slotsAvailable,
        int jobsRunning,
        List<TaskManager> taskManagerDetails) {

    /** One registered TaskManager: its resource id and slots. */
    public record TaskManager(String id, int slots, int freeSlots) {}
}
