package io.lakestream.job.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a small OpenLineage endpoint on the loopback interface, as Marquez serves it. */
class HttpLineageTransportTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, List<String> received) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/api/v1/lineage",
                exchange -> {
                    received.add(
                            exchange.getRequestMethod()
                                    + " "
                                    + exchange.getRequestHeaders().getFirst("Content-Type")
                                    + " "
                                    + new String(
                                            exchange.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
    }

    @Test
    void postsEachEventAsJson() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpLineageTransport t = new HttpLineageTransport(serve(201, received));
        t.send("{\"eventType\":\"START\"}");
        assertThat(received).containsExactly("POST application/json {\"eventType\":\"START\"}");
    }

    @Test
    void aRefusalIsAnErrorNamingTheStatus() throws Exception {
        HttpLineageTransport t = new HttpLineageTransport(serve(422, new CopyOnWriteArrayList<>()));
        assertThatThrownBy(() -> t.send("{}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("422");
    }
}
