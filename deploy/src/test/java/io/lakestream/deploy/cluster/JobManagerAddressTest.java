package io.lakestream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobManagerAddressTest {

    @Test
    void parsesHostAndPort() {
        assertThat(JobManagerAddress.parse("localhost:8081"))
                .isEqualTo(new JobManagerAddress("localhost", 8081));
        assertThat(JobManagerAddress.parse("http://10.0.0.7:18081/"))
                .isEqualTo(new JobManagerAddress("10.0.0.7", 18081));
        assertThat(JobManagerAddress.parse("jm:8081").jobPage("abc"))
                .isEqualTo("http://jm:8081/#/job/running/abc/overview");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "localhost:", ":8081", "localhost:http", "h:70000"})
    void refusesWhatIsNotHostAndPort(String text) {
        assertThatThrownBy(() -> JobManagerAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--jobmanager must be HOST:PORT");
    }

    @Test
    void saysWhenNoClusterAnswers() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(
                        () ->
                                new JobManagerAddress("127.0.0.1", port)
                                        .requireCompatibleCluster(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Flink cluster answers at 127.0.0.1:" + port)
                .hasMessageContaining("bin/lakestream cluster start");
    }

    @Test
    void refusesAClusterOfAnotherFlinkVersionAndAcceptsItsOwn() throws IOException {
        String ours = EnvironmentInformation.getVersion();
        assertThat(clusterAccepts("1.20.1")).contains("runs Flink 1.20.1").contains(ours);
        assertThat(clusterAccepts(ours)).isEmpty();
        assertThat(JobManagerAddress.majorMinor("2.2.0")).isEqualTo("2.2");
        assertThat(JobManagerAddress.majorMinor("2.2-SNAPSHOT")).isEqualTo("2.2");
    }

    /** The error of asking a REST endpoint that reports {@code version}, or "" if accepted. */
    private static String clusterAccepts(String version) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/config",
                exchange -> {
                    byte[] body =
                            ("{\"refresh-interval\":3000,\"flink-version\":\"" + version + "\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        try {
            new JobManagerAddress("127.0.0.1", server.getAddress().getPort())
                    .requireCompatibleCluster(Duration.ofSeconds(5));
            return "";
        } catch (IllegalStateException e) {
            return e.getMessage();
        } finally {
            server.stop(0);
        }
    }
}
