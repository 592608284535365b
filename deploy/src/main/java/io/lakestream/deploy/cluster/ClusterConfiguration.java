package io.lakestream.deploy.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * The Flink configuration of a local session cluster, written as the {@code config.yaml} that the
 * JobManager and every TaskManager read from their {@code --configDir}.
 *
 * <p>Everything listens on localhost only. The REST port and the JobManager's RPC port are fixed
 * (TaskManagers and clients must know them); every other port (blob server, TaskManager RPC and
 * data) is left to the OS. Jobs get a bounded restart strategy: with checkpointing on, Flink's
 * default retries a deterministic failure forever, and the job looks hung.
 */
final class ClusterConfiguration {

    static final String HOST = "localhost";
    static final int RESTART_ATTEMPTS = 5;
    static final Duration RESTART_DELAY = Duration.ofSeconds(5);
    static final MemorySize TASK_OFF_HEAP = MemorySize.parse("384m");
    static final float MANAGED_FRACTION = 0.3f;

    private ClusterConfiguration() {}

    static Configuration of(ClusterSpec spec, ClusterFiles files, int restPort, int rpcPort) {
        Configuration c = new Configuration();
        c.set(JobManagerOptions.ADDRESS, HOST);
        c.set(JobManagerOptions.PORT, rpcPort);
        c.set(JobManagerOptions.BIND_HOST, HOST);
        c.set(TaskManagerOptions.HOST, HOST);
        c.set(TaskManagerOptions.BIND_HOST, HOST);
        c.set(RestOptions.ADDRESS, HOST);
        c.set(RestOptions.BIND_ADDRESS, HOST);
        c.set(RestOptions.PORT, restPort);
        c.set(JobManagerOptions.TOTAL_PROCESS_MEMORY, spec.jobManagerMemory());
        c.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, spec.taskManagerMemory());
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, spec.slots());
        // Parquet's Snappy compressor works in direct buffers, one pair per open file; a backfill
        // keeps a file open per partition it writes (2M events over 3 days, 4 pipelines: over the
        // 256 MiB direct limit of Flink's stock TaskManager, "OutOfMemoryError: Direct buffer
        // memory"). Task off-heap memory raises that limit; managed memory gives up the space.
        c.set(TaskManagerOptions.TASK_OFF_HEAP_MEMORY, TASK_OFF_HEAP);
        c.set(TaskManagerOptions.MANAGED_MEMORY_FRACTION, MANAGED_FRACTION);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
        c.set(CoreOptions.TMP_DIRS, files.tmpDir().toString());
        c.set(BlobServerOptions.STORAGE_DIRECTORY, files.tmpDir().toString());
        c.set(WebOptions.TMP_DIR, files.tmpDir().toString());
        for (Map.Entry<String, String> e : spec.settings().entrySet()) {
            c.setString(e.getKey(), e.getValue());
        }
        return c;
    }

    /** The text of {@code config.yaml}: one flat {@code key: value} per line, sorted. */
    static String render(Configuration configuration) {
        List<String> lines =
                new ArrayList<>(
                        ConfigurationUtils.convertConfigToWritableLines(configuration, true));
        lines.sort(null);
        return "# Written by `lakestream cluster start`; rewritten on every start.\n"
                + String.join("\n", lines)
                + "\n";
    }
}
