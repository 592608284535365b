package io.lakestream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.deploy.cli.LakestreamCli;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: a JobManager and two TaskManager JVMs. A job runs on it, one
 * TaskManager is killed, and stopping leaves no process behind.
 */
class StandaloneClusterITCase {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir Path dir;

    @AfterEach
    void stopLeftovers() {
        StandaloneCluster.stopAll(dir);
    }

    @Test
    void runsAJobLosesATaskManagerAndStopsEveryProcess() throws Exception {
        StandaloneCluster cluster =
                StandaloneCluster.start(
                        ClusterSpec.builder(dir).taskManagers(2).slots(2).restPort(0).build());

        ClusterOverview overview = cluster.overview().orElseThrow();
        assertThat(overview.taskManagers()).isEqualTo(2);
        assertThat(overview.slotsTotal()).isEqualTo(4);
        assertThat(overview.taskManagerDetails())
                .extracting(ClusterOverview.TaskManager::slots)
                .containsExactly(2, 2);
        assertThat(cluster.taskManagers()).hasSize(2).allMatch(ClusterProcess::isAlive);
        assertThat(cluster.jobManager().isAlive()).isTrue();
        assertThat(processesOf(dir)).hasSize(3);
        assertThat(LakestreamCli.execute("cluster", "status", "--dir", dir.toString())).isZero();

        StandaloneCluster again =
                StandaloneCluster.start(ClusterSpec.builder(dir).restPort(0).build());
        assertThat(again.wasAlreadyRunning()).isTrue();
        assertThat(again.restPort()).isEqualTo(cluster.restPort());
        assertThat(again.jobManager().pid()).isEqualTo(cluster.jobManager().pid());

        assertThat(runSequenceJob(cluster.restPort(), 10_000))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 10_000).boxed().toList());

        ProcessHandle killed = cluster.taskManagers().get(1).handle();
        cluster.killTaskManager(1);
        assertThat(killed.isAlive()).isFalse();
        ClusterOverview afterKill = cluster.awaitTaskManagers(1, DEADLINE);
        assertThat(afterKill.slotsTotal()).isEqualTo(2);
        assertThat(cluster.taskManagers().get(0).isAlive()).isTrue();

        List<ProcessHandle> processes =
                Stream.concat(Stream.of(cluster.jobManager()), cluster.taskManagers().stream())
                        .map(ClusterProcess::handle)
                        .toList();
        cluster.stop();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(StandaloneCluster.find(dir)).isEmpty();
        assertThat(processesOf(dir)).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".pid"));
        }
        assertThat(LakestreamCli.execute("cluster", "status", "--dir", dir.toString()))
                .isEqualTo(3);
    }

    @Test
    void aProcessThatExitsDuringStartIsOneLineNamingItsLog() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ClusterSpec spec =
                    ClusterSpec.builder(dir)
                            .restPort(0)
                            // the JobManager cannot bind its RPC port, and exits
                            .setting("jobmanager.rpc.port", Integer.toString(taken.getLocalPort()))
                            .build();

            assertThatThrownBy(() -> StandaloneCluster.start(spec))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageMatching(
                            "the Flink JobManager \\(pid \\d+\\) exited \\(.+\\); see "
                                    + Pattern.quote(dir.resolve("log/jobmanager.log").toString())
                                    + ".*")
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1))
                    .satisfies(e -> System.out.println("start refused: " + e.getMessage()));
        }
        assertThat(StandaloneCluster.find(dir)).isEmpty();
        assertThat(processesOf(dir)).isEmpty();
    }

    /** Every live JVM started with {@code --configDir dir}, whether or not a pid file names it. */
    private static List<ProcessHandle> processesOf(Path dir) {
        String configDir = "--configDir " + dir.toAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(configDir))
                .toList();
    }

    /**
     * A job of Flink classes only (no job jar needed): a parallel sequence, shuffled across the
     * four slots of both TaskManagers, collected back to the client.
     */
    private static List<Long> runSequenceJob(int restPort, long n) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        "localhost", restPort, new Configuration());
        env.setParallelism(4);
        try (CloseableIterator<Long> rows =
                env.fromSequence(1, n).rebalance().executeAndCollect("sequence")) {
            List<Long> out = new ArrayList<>();
            rows.forEachRemaining(out::add);
            return out;
        }
    }
}
