package io.lakestream.deploy.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.MemorySize;

/**
 * What {@link StandaloneCluster#start} starts: where its files live, how many TaskManagers with how
 * many slots, the REST port and the memory of each process. Immutable; built with {@link
 * #builder(Path)}, which checks every value at {@link Builder#build()}.
 *
 * <pre>{@code
 * ClusterSpec spec = ClusterSpec.builder(Path.of(".lakestream/cluster"))
 *         .taskManagers(2).slots(2).restPort(0)   // 0 = any free port
 *         .build();
 * }</pre>
 *
 * <p>The JobManager's memory is the Flink distribution's default (1600m). A TaskManager gets 2560m,
 * more than the distribution's 1728m: a backfill writes a Parquet file per partition at once, each
 * with its own direct compression buffers and heap pages, which the stock TaskManager's 256 MiB
 * direct limit and 384 MiB task heap do not hold for a few days of events (and with less still,
 * Flink's memory model leaves a TaskManager a few MiB of task heap: 1g gives 26 MiB).
 */
public final class ClusterSpec {

    public static final int DEFAULT_REST_PORT = 8081;
    public static final int DEFAULT_TASK_MANAGERS = 1;
    public static final int DEFAULT_SLOTS = 2;
    public static final MemorySize DEFAULT_JOB_MANAGER_MEMORY = MemorySize.parse("1600m");
    public static final MemorySize DEFAULT_TASK_MANAGER_MEMORY = MemorySize.parse("2560m");
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    private final Path dir;
    private final int taskManagers;
    private final int slots;
    private final int restPort;
    private final MemorySize jobManagerMemory;
    private final MemorySize taskManagerMemory;
    private final Map<String, String> settings;
    private final Duration startTimeout;

    private ClusterSpec(Builder b) {
        this.dir = b.dir.toAbsolutePath().normalize();
        this.taskManagers = b.taskManagers;
        this.slots = b.slots;
        this.restPort = b.restPort;
        this.jobManagerMemory = b.jobManagerMemory;
        this.taskManagerMemory = b.taskManagerMemory;
        this.settings = Map.copyOf(b.settings);
        this.startTimeout = b.startTimeout;
    }

    /** Settings for a cluster whose config, pid files and logs live in {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    public Path dir() {
        return dir;
    }

    public int taskManagers() {
        return taskManagers;
    }

    public int slots() {
        return slots;
    }

    /** The REST (and web UI) port; 0 means any free port, chosen at start. */
    public int restPort() {
        return restPort;
    }

    public MemorySize jobManagerMemory() {
        return jobManagerMemory;
    }

    public MemorySize taskManagerMemory() {
        return taskManagerMemory;
    }

    /** Further Flink options for {@code config.yaml}; they override the generated ones. */
    public Map<String, String> settings() {
        return settings;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    /** Settings for {@link ClusterSpec}; every value has a default but the directory. */
    public static final class Builder {
        private final Path dir;
        private int taskManagers = DEFAULT_TASK_MANAGERS;
        private int slots = DEFAULT_SLOTS;
        private int restPort = DEFAULT_REST_PORT;
        private MemorySize jobManagerMemory = DEFAULT_JOB_MANAGER_MEMORY;
        private MemorySize taskManagerMemory = DEFAULT_TASK_MANAGER_MEMORY;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** Number of TaskManager processes (default 1). */
        public Builder taskManagers(int taskManagers) {
            this.taskManagers = taskManagers;
            return this;
        }

        /** Task slots per TaskManager (default 2). */
        public Builder slots(int slots) {
            this.slots = slots;
            return this;
        }

        /** REST and web UI port on localhost (default 8081); 0 picks a free one. */
        public Builder restPort(int restPort) {
            this.restPort = restPort;
            return this;
        }

        /** {@code jobmanager.memory.process.size} (default 1600m). */
        public Builder jobManagerMemory(MemorySize jobManagerMemory) {
            this.jobManagerMemory = Objects.requireNonNull(jobManagerMemory);
            return this;
        }

        /** {@code taskmanager.memory.process.size} of each TaskManager (default 2560m). */
        public Builder taskManagerMemory(MemorySize taskManagerMemory) {
            this.taskManagerMemory = Objects.requireNonNull(taskManagerMemory);
            return this;
        }

        /** A further Flink option for {@code config.yaml}, e.g. {@code heartbeat.timeout}. */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** How long {@code start} waits for every TaskManager to register (default 180 s). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public ClusterSpec build() {
            require(taskManagers >= 1, "taskManagers must be at least 1, not " + taskManagers);
            require(slots >= 1, "slots must be at least 1, not " + slots);
            require(
                    restPort >= 0 && restPort <= 65535,
                    "restPort must be between 0 and 65535, not " + restPort);
            require(
                    !startTimeout.isNegative() && !startTimeout.isZero(),
                    "startTimeout must be positive");
            return new ClusterSpec(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
