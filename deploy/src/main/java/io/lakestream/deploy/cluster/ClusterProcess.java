package io.lakestream.deploy.cluster;

import java.nio.file.Path;

/**
 * One JVM of the cluster: the JobManager ({@code jobmanager}) or TaskManager {@code i} ({@code
 * taskmanager-i}, counted from 0 as Flink's own scripts do), its process and its log.
 */
public record ClusterProcess(String name, ProcessHandle handle, Path log) {

    static final String JOB_MANAGER = "jobmanager";
    static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    static String taskManagerName(int index) {
        return "taskmanager-" + index;
    }

    static String mainClassOf(String name) {
        return name.equals(JOB_MANAGER) ? JOB_MANAGER_MAIN : TASK_MANAGER_MAIN;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** "JobManager" or "TaskManager i", for messages. */
    String title() {
        return name.equals(JOB_MANAGER)
                ? "JobManager"
                : "TaskManager " + name.substring(name.indexOf('-') + 1);
    }
}
