package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaCommandTest {

    @TempDir Path dir;

    @Test
    void requiresASubCommand() {
        CliRun run = CliRun.of("kafka");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("a sub-command is required (start, stop, status)");
    }

    @Test
    void statusOfNoBrokerIsNotRunningWithExitCode3() {
        CliRun run = CliRun.of("kafka", "status", "--data-dir", dir.toString());

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).contains("Kafka broker not running");
    }

    @Test
    void stoppingNoBrokerIsNotAnError() {
        CliRun run = CliRun.of("kafka", "stop", "--data-dir", dir.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("No Kafka broker running for data dir " + dir);
    }

    @Test
    void rejectsAnInvalidPortInOneLine() {
        CliRun run = CliRun.of("kafka", "start", "--port", "70000", "--data-dir", dir.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("lakestream: --port must be between 1 and 65535, not 70000");
    }
}
