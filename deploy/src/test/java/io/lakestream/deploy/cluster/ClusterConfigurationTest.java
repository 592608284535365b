package io.lakestream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigurationTest {

    @TempDir Path dir;

    @Test
    void flinkReadsBackTheWrittenConfigYaml() throws Exception {
        ClusterSpec spec =
                ClusterSpec.builder(dir)
                        .slots(3)
                        .taskManagerMemory(MemorySize.parse("2g"))
                        .setting("heartbeat.timeout", "20 s")
                        .build();
        Configuration written = ClusterConfiguration.of(spec, new ClusterFiles(dir), 18081, 16123);
        Files.writeString(dir.resolve("config.yaml"), ClusterConfiguration.render(written));

        Configuration read = GlobalConfiguration.loadConfiguration(dir.toString());

        assertThat(read.get(RestOptions.PORT)).isEqualTo(18081);
        assertThat(read.get(RestOptions.BIND_ADDRESS)).isEqualTo("localhost");
        assertThat(read.get(JobManagerOptions.PORT)).isEqualTo(16123);
        assertThat(read.get(JobManagerOptions.ADDRESS)).isEqualTo("localhost");
        assertThat(read.get(TaskManagerOptions.NUM_TASK_SLOTS)).isEqualTo(3);
        assertThat(read.get(TaskManagerOptions.TOTAL_PROCESS_MEMORY))
                .isEqualTo(MemorySize.parse("2g"));
        assertThat(read.get(JobManagerOptions.TOTAL_PROCESS_MEMORY))
                .isEqualTo(ClusterSpec.DEFAULT_JOB_MANAGER_MEMORY);
        assertThat(read.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(read.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS))
                .isEqualTo(ClusterConfiguration.RESTART_ATTEMPTS);
        assertThat(read.toMap()).containsEntry("heartbeat.timeout", "20 s");
        assertThat(read.toMap().get("io.tmp.dirs")).isEqualTo(dir.resolve("tmp").toString());
    }

    @Test
    void theSpecRejectsValuesOutOfRange() {
        assertThatThrownBy(() -> ClusterSpec.builder(dir).taskManagers(0).build())
                .hasMessage("taskManagers must be at least 1, not 0");
        assertThatThrownBy(() -> ClusterSpec.builder(dir).slots(0).build())
                .hasMessage("slots must be at least 1, not 0");
        assertThatThrownBy(() -> ClusterSpec.builder(dir).restPort(65536).build())
                .hasMessage("restPort must be between 0 and 65535, not 65536");
    }
}
