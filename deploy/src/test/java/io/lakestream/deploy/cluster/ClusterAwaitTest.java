package io.lakestream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JobManager whose picked port was taken meanwhile logs a generic first ERROR line and the {@code
 * BindException} further down: the start is retried on it, and only on it.
 */
class ClusterAwaitTest {

    @TempDir Path dir;

    @Test
    void aBindExceptionBelowTheFirstErrorIsATakenPortAndRetried() throws Exception {
        Path log = dir.resolve("jobmanager.log");
        Files.writeString(
                log,
                """
                2026-11-26 12:30:01,000 INFO  StandaloneSessionClusterEntrypoint [] - Starting
                2026-11-26 12:30:02,000 ERROR ClusterEntrypoint [] - Could not start cluster\
                 entrypoint StandaloneSessionClusterEntrypoint.
                org.apache.flink.runtime.entrypoint.ClusterEntrypointException: Failed to\
                 initialize the cluster entrypoint StandaloneSessionClusterEntrypoint.
                Caused by: java.net.BindException: Could not start rest endpoint on any port in\
                 port range 41234
                """);
        assertThat(ClusterAwait.firstError(log)).get().asString().doesNotContain("bind");
        assertThat(ClusterAwait.portTaken(log)).isTrue();
        assertThat(ClusterStart.isBindFailure(new ClusterException("exited", true))).isTrue();
    }

    @Test
    void anyOtherFailureIsNotRetried() throws Exception {
        Path log = dir.resolve("jobmanager.log");
        Files.writeString(
                log,
                """
                2026-11-26 12:30:02,000 ERROR ClusterEntrypoint [] - Could not start cluster\
                 entrypoint StandaloneSessionClusterEntrypoint.
                Caused by: org.apache.flink.configuration.IllegalConfigurationException: bad value
                """);
        assertThat(ClusterAwait.portTaken(log)).isFalse();
        assertThat(ClusterStart.isBindFailure(new ClusterException("exited", false))).isFalse();
        assertThat(ClusterAwait.portTaken(dir.resolve("missing.log"))).isFalse();
    }
}
