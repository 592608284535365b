package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {

    @TempDir Path dir;

    @Test
    void requiresASubCommand() {
        CliRun run = CliRun.of("cluster");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("a sub-command is required (start, stop, status)");
    }

    @Test
    void statusOfNoClusterIsNotRunningWithExitCode3() {
        CliRun run = CliRun.of("cluster", "status", "--dir", dir.toString());

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out().strip()).isEqualTo("No Flink cluster running for dir " + dir);
    }

    @Test
    void stoppingNoClusterIsNotAnError() {
        CliRun run = CliRun.of("cluster", "stop", "--dir", dir.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out().strip()).isEqualTo("No Flink cluster running for dir " + dir);
    }

    @Test
    void rejectsTooFewTaskManagersInOneLine() {
        CliRun run = start("--taskmanagers", "0");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("lakestream: --taskmanagers must be at least 1, not 0");
    }

    @Test
    void rejectsTooFewSlotsInOneLine() {
        CliRun run = start("--slots", "0");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("lakestream: --slots must be at least 1, not 0");
    }

    @Test
    void rejectsAnInvalidPortInOneLine() {
        CliRun run = start("--port", "70000");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("lakestream: --port must be between 1 and 65535, not 70000");
    }

    @Test
    void rejectsAMemorySizeThatIsNotOne() {
        CliRun run = start("--taskmanager-memory", "lots");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(
                        "lakestream: Invalid value for option '--taskmanager-memory': 'lots' is"
                                + " not a memory size (e.g. 1728m, 2g)");
    }

    @Test
    void rejectsTooLittleTaskManagerMemoryInOneLineBeforeStartingAnything() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();

            CliRun run = start("--taskmanager-memory", "500m", "--port", Integer.toString(port));

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err())
                    .startsWith(
                            "lakestream: the TaskManager memory (taskmanager.memory.process.size"
                                    + " = 500 mb) does not fit Flink's memory model (too small?):");
            assertThat(Files.exists(dir.resolve("jobmanager.pid"))).isFalse();
        }
    }

    @Test
    void aTakenPortIsOneLineUserError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            String port = Integer.toString(taken.getLocalPort());

            CliRun run = start("--port", port);

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip())
                    .isEqualTo(
                            "lakestream: port "
                                    + port
                                    + " is already in use by another process (another Flink"
                                    + " cluster or web UI?); stop that process or choose another"
                                    + " port");
            assertThat(Files.exists(dir.resolve("jobmanager.pid"))).isFalse();
        }
    }

    private CliRun start(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "cluster";
        all[1] = "start";
        all[2] = "--dir";
        all[3] = dir.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }
}
