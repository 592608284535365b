package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.deploy.kafka.KafkaBroker;
import io.lakestream.deploy.kafka.KafkaTopics;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaCommandITCase {

    @TempDir Path dir;

    @AfterEach
    void stopLeftovers() {
        KafkaBroker.find(dir).ifPresent(KafkaBroker::stop);
    }

    @Test
    void startStatusStopAndRestartKeepingTopics() throws Exception {
        String port = Integer.toString(freePort());
        String data = dir.toString();

        CliRun start = CliRun.of("kafka", "start", "--port", port, "--data-dir", data);
        assertThat(start.code()).as(start.err()).isZero();
        long pid = KafkaBroker.find(dir).orElseThrow().pid();
        assertThat(start.out().strip())
                .isEqualTo(
                        "Kafka broker running on 127.0.0.1:"
                                + port
                                + " (pid "
                                + pid
                                + ", data "
                                + data
                                + ", log "
                                + dir.resolve("broker.log")
                                + ")");
        KafkaTopics.ensure("127.0.0.1:" + port, "kept", 2);

        CliRun again = CliRun.of("kafka", "start", "--port", port, "--data-dir", data);
        assertThat(again.code()).isZero();
        assertThat(again.out()).startsWith("Kafka broker already running on 127.0.0.1:" + port);
        CliRun noPort = CliRun.of("kafka", "start", "--data-dir", data);
        assertThat(noPort.code()).isZero();
        assertThat(noPort.out()).startsWith("Kafka broker already running on 127.0.0.1:" + port);
        CliRun otherPort = CliRun.of("kafka", "status", "--port", "1", "--data-dir", data);
        assertThat(otherPort.code()).isEqualTo(2);
        assertThat(otherPort.err()).contains("runs on port " + port + ", not 1");

        CliRun status = CliRun.of("kafka", "status", "--port", port, "--data-dir", data);
        assertThat(status.code()).isZero();
        assertThat(status.out()).startsWith("Kafka broker running on 127.0.0.1:" + port);

        CliRun stop = CliRun.of("kafka", "stop", "--port", port, "--data-dir", data);
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).contains("Kafka broker stopped (pid " + pid + ")");
        assertThat(CliRun.of("kafka", "status", "--data-dir", data).code()).isEqualTo(3);

        assertThat(CliRun.of("kafka", "start", "--port", port, "--data-dir", data).code()).isZero();
        assertThat(topics("127.0.0.1:" + port)).contains("kept");
        assertThat(CliRun.of("kafka", "stop", "--data-dir", data).code()).isZero();
    }

    @Test
    void aTakenPortIsOneLineUserError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = Integer.toString(taken.getLocalPort());

            CliRun run = CliRun.of("kafka", "start", "--port", port, "--data-dir", dir.toString());

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip())
                    .isEqualTo(
                            "lakestream: 127.0.0.1:"
                                    + port
                                    + " is already in use by another process; stop that process"
                                    + " or choose another port");
        }
    }

    private static List<String> topics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            return List.copyOf(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
