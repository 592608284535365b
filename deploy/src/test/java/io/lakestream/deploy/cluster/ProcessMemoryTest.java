package io.lakestream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {

    private static final long MIB = 1024 * 1024;

    @TempDir Path dir;

    @Test
    void aDefaultTaskManagerGetsTheFlagsAndPropertiesOfFlinksStartScripts() {
        ProcessMemory.Flags flags = ProcessMemory.taskManager(defaults());

        // 2560m = 256m metaspace + 256m overhead (10 %) + 2048m Flink memory, which is 204.8m
        // network (10 %) + 614.4m managed (30 %) + 128m framework heap + 128m framework off-heap
        // + 384m task off-heap + 588.8m task heap (Flink's fractions round to a few bytes off)
        assertThat(flags.jvmOptions()).hasSize(4);
        assertThat(flag(flags, "-Xmx")).isCloseTo((long) (716.8 * MIB), within(MIB));
        assertThat(flag(flags, "-Xms")).isEqualTo(flag(flags, "-Xmx"));
        assertThat(flag(flags, "-XX:MaxDirectMemorySize="))
                .isCloseTo((long) (716.8 * MIB), within(MIB));
        assertThat(flag(flags, "-XX:MaxMetaspaceSize=")).isEqualTo(256 * MIB);
        assertThat(property(flags, "taskmanager.memory.task.heap.size"))
                .isCloseTo((long) (588.8 * MIB), within(MIB));
        assertThat(property(flags, "taskmanager.memory.task.off-heap.size")).isEqualTo(384 * MIB);
        assertThat(property(flags, "taskmanager.memory.managed.size"))
                .isCloseTo((long) (614.4 * MIB), within(MIB));
        assertThat(flags.dynamicProperties()).contains("taskmanager.numberOfTaskSlots=2");
        // Flink's form: "-D" "key=value" pairs, as its start scripts pass them
        for (int i = 0; i < flags.dynamicProperties().size(); i += 2) {
            assertThat(flags.dynamicProperties().get(i)).isEqualTo("-D");
            assertThat(flags.dynamicProperties().get(i + 1)).contains("=");
        }
    }

    @Test
    void aDefaultJobManagerGetsItsHeapAndMetaspace() {
        ProcessMemory.Flags flags = ProcessMemory.jobManager(defaults());

        // 1600m = 256m metaspace + 192m overhead + 1152m Flink memory (128m off-heap, 1g heap)
        assertThat(flags.jvmOptions())
                .containsExactly(
                        "-Xmx" + 1024 * MIB,
                        "-Xms" + 1024 * MIB,
                        "-XX:MaxMetaspaceSize=" + 256 * MIB);
        assertThat(flags.dynamicProperties())
                .contains("jobmanager.memory.heap.size=" + 1024 * MIB + "b");
    }

    @Test
    void tooLittleMemoryIsOneLineNamingTheSetting() {
        ClusterSpec spec =
                ClusterSpec.builder(dir).taskManagerMemory(MemorySize.parse("600m")).build();
        Configuration c = ClusterConfiguration.of(spec, new ClusterFiles(dir), 8081, 6123);

        assertThatThrownBy(() -> ProcessMemory.taskManager(c))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith(
                        "the TaskManager memory (taskmanager.memory.process.size = 600 mb)")
                .hasMessageContaining("exceed configured Total Flink Memory")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    private static long flag(ProcessMemory.Flags flags, String prefix) {
        return flags.jvmOptions().stream()
                .filter(f -> f.startsWith(prefix))
                .map(f -> Long.parseLong(f.substring(prefix.length())))
                .findFirst()
                .orElseThrow();
    }

    private static long property(ProcessMemory.Flags flags, String key) {
        return flags.dynamicProperties().stream()
                .filter(p -> p.startsWith(key + "="))
                .map(p -> MemorySize.parse(p.substring(key.length() + 1)).getBytes())
                .findFirst()
                .orElseThrow();
    }

    private Configuration defaults() {
        return ClusterConfiguration.of(
                ClusterSpec.builder(dir).build(), new ClusterFiles(dir), 8081, 6123);
    }
}
