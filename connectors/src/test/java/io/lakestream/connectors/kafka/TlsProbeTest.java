package io.lakestream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The probe's two answers that need no certificate (a TLS listener: KafkaTlsITCase). */
class TlsProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void aClosedPortIsAbsent() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(TlsProbe.probe("127.0.0.1:" + port, TIMEOUT))
                .isEqualTo(TlsProbe.Listener.ABSENT);
        assertThat(TlsProbe.probe("no-port", TIMEOUT)).isEqualTo(TlsProbe.Listener.ABSENT);
    }

    @Test
    void aServerThatDropsTheHandshakeIsPlain() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            // what a plaintext Kafka listener does with a TLS ClientHello: reads it as a request
            // size far above its limit, and closes the connection
            CompletableFuture<Void> drop =
                    CompletableFuture.runAsync(
                            () -> {
                                try (Socket s = server.accept()) {
                                    s.getInputStream().read(new byte[5]);
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            assertThat(TlsProbe.probe("127.0.0.1:" + server.getLocalPort() + ",other:1", TIMEOUT))
                    .isEqualTo(TlsProbe.Listener.PLAIN);
            drop.get();
        }
    }
}
