package io.lakestream.deploy.cluster;

import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The JVM flags and dynamic {@code -D} properties a Flink process needs for its memory, computed
 * from the configuration by Flink's own code.
 *
 * <p>Why: a Flink process does not size itself. Flink's start scripts run {@code BashJavaUtils}
 * (flink-runtime) before each launch, which splits {@code *.memory.process.size} into heap,
 * managed, network, direct, metaspace and overhead, and starts the JVM with the matching {@code
 * -Xmx/-Xms}, {@code -XX:MaxDirectMemorySize} and {@code -XX:MaxMetaspaceSize}, passing the derived
 * sizes as {@code -D key=value} arguments. A {@code TaskManagerRunner} started without those
 * properties fails its memory check and exits at once, with nothing in its log. There is no Flink
 * distribution (and no script) here, so this class calls the same methods {@code BashJavaUtils}
 * calls ({@code TaskExecutorProcessUtils.processSpecFromConfig}, {@code
 * ProcessMemoryUtils.generateJvmParametersStr}, {@code
 * TaskExecutorProcessUtils.generateDynamicConfigsStr} and their {@code JobManagerProcessUtils}
 * equivalents) rather than repeating Flink's arithmetic, which would drift from the runtime's own
 * check with any Flink upgrade.
 *
 * <p>With the defaults: a 2560m TaskManager gets 717 MiB heap (of which 589 MiB task heap), 614 MiB
 * managed memory, 205 MiB network buffers, a 717 MiB direct memory limit (384 MiB of it task
 * off-heap), 256 MiB metaspace and 256 MiB overhead; a 1600m JobManager gets 1 GiB heap, 128 MiB
 * off-heap, 256 MiB metaspace.
 */
final class ProcessMemory {

    /** The JVM options (e.g. {@code -Xmx…}) and program arguments ({@code -D key=value}). */
    record Flags(List<String> jvmOptions, List<String> dynamicProperties) {}

    private ProcessMemory() {}

    static Flags jobManager(Configuration configuration) {
        JobManagerProcessSpec spec;
        try {
            spec = JobManagerProcessUtils.processSpecFromConfig(configuration);
        } catch (IllegalConfigurationException e) {
            throw invalid("JobManager", "jobmanager.memory.process.size", configuration, e);
        }
        return new Flags(
                split(JobManagerProcessUtils.generateJvmParametersStr(spec, configuration)),
                split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
    }

    static Flags taskManager(Configuration configuration) {
        TaskExecutorProcessSpec spec;
        try {
            spec = TaskExecutorProcessUtils.processSpecFromConfig(configuration);
        } catch (IllegalConfigurationException e) {
            throw invalid("TaskManager", "taskmanager.memory.process.size", configuration, e);
        }
        return new Flags(
                split(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
    }

    private static ClusterException invalid(
            String process, String key, Configuration configuration, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ClusterException(
                "the "
                        + process
                        + " memory ("
                        + key
                        + " = "
                        + configuration.toMap().get(key)
                        + ") does not fit Flink's memory model (too small?): "
                        + root.getMessage().lines().findFirst().orElse(""),
                e);
    }

    /** Flink's strings are space-separated tokens without spaces in values (sizes, numbers). */
    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
