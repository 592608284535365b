package io.lakestream.deploy.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lakestream.connectors.kafka.ReplayPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reporter against a stand-in for Flink's REST API, answering as Flink 2.2 does. */
class ProgressReporterTest {

    private static final ReplayPlan PLAN =
            new ReplayPlan(
                    "events", 0, 1, Map.of(0, new long[] {100, 1100}, 1, new long[] {0, 3000}));
    private static final String P0 =
            "0.Source__kafka:_events.KafkaSourceReader.topic.events.partition.0.currentOffset";
    private static final String P1 =
            "1.Source__kafka:_events.KafkaSourceReader.topic.events.partition.1.currentOffset";
    // another subtask once had partition 1 (a lower offset), and another topic: both not taken
    private static final String P1_OLD =
            "0.Source__kafka:_events.KafkaSourceReader.topic.events.partition.1.currentOffset";
    private static final String OTHER_TOPIC =
            "1.Source__kafka:_events.KafkaSourceReader.topic.other.partition.0.currentOffset";

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private volatile String sourceStatus = "RUNNING";
    private volatile String asked = "";
    private HttpServer server;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext(
                "/jobs/j1",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    String query = exchange.getRequestURI().getQuery();
                    String body;
                    if (path.equals("/jobs/j1")) {
                        body =
                                "{\"jid\":\"j1\",\"state\":\"RUNNING\",\"vertices\":["
                                        + "{\"id\":\"v1\",\"name\":\"Source: kafka: events ->"
                                        + " decode: route valid / quarantine\",\"status\":\""
                                        + sourceStatus
                                        + "\"},{\"id\":\"v2\",\"name\":\"dedup by event_id\","
                                        + "\"status\":\"CREATED\"}]}";
                    } else if (path.equals("/jobs/j1/vertices/v1/metrics") && query == null) {
                        body =
                                List.of(P0, P1, P1_OLD, OTHER_TOPIC, "0.numRecordsIn").stream()
                                        .map(id -> "{\"id\":\"" + id + "\"}")
                                        .collect(Collectors.joining(",", "[", "]"));
                    } else if (path.equals("/jobs/j1/vertices/v1/metrics")) {
                        asked = query.substring("get=".length());
                        body =
                                List.of(asked.split(",")).stream()
                                        .filter(values::containsKey)
                                        .map(
                                                id ->
                                                        "{\"id\":\""
                                                                + id
                                                                + "\",\"value\":\""
                                                                + values.get(id)
                                                                + "\"}")
                                        .collect(Collectors.joining(",", "[", "]"));
                    } else {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    byte[] b = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, b.length);
                    try (OutputStream o = exchange.getResponseBody()) {
                        o.write(b);
                    }
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private List<String> printed() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void readsEachPartitionsOffsetOfTheTopicAndPrintsUntilThePlanIsRead() throws Exception {
        values.put(P0, "599");
        values.put(P1, "1499");
        values.put(P1_OLD, "10");
        values.put(OTHER_TOPIC, "999999");
        SourceOffsets.Observed seen = new SourceOffsets(url(), "j1", "events").poll();
        assertThat(seen.jobState()).isEqualTo("RUNNING");
        assertThat(seen.sourcesFinished()).isFalse();
        assertThat(seen.currentOffsets()).isEqualTo(Map.of(0, 599L, 1, 1499L));
        assertThat(asked.split(",")).containsExactlyInAnyOrder(P0, P1, P1_OLD);

        ProgressReporter reporter =
                ProgressReporter.unscheduled(
                        new BackfillProgress(PLAN), url(), "j1", ProgressSink.lines(out), false);
        reporter.tick();
        // a gauge that reads lower later (a stale subtask) never makes progress go back
        values.put(P1, "1000");
        reporter.tick();
        values.put(P0, "1099");
        values.put(P1, "2999");
        reporter.tick();
        reporter.tick(); // nothing after the summary
        reporter.finish(true); // nor at the end

        List<String> lines = printed();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith(
                        "progress: 2,000/4,000 offsets (50.0%) | p0 500/1,000 p1 1,500/3,000 |");
        assertThat(lines.get(1)).startsWith("progress: 2,000/4,000 offsets (50.0%)");
        assertThat(lines.get(2)).matches("progress: 4,000/4,000 offsets \\(100.0%\\) read in .*");
    }

    @Test
    void aFinishedSourceVertexHasReadItsWholePlan() {
        sourceStatus = "FINISHED";
        ProgressReporter reporter =
                ProgressReporter.unscheduled(
                        new BackfillProgress(PLAN), url(), "j1", ProgressSink.lines(out), false);
        reporter.tick();
        assertThat(printed()).singleElement().asString().startsWith("progress: 4,000/4,000");
    }

    @Test
    void noMetricsYetPrintsNothingAndTheSummaryComesAtTheEnd() {
        ProgressReporter reporter =
                ProgressReporter.unscheduled(
                        new BackfillProgress(PLAN), url(), "j1", ProgressSink.lines(out), false);
        reporter.tick();
        assertThat(printed()).isEmpty();
        reporter.finish(true);
        assertThat(printed()).singleElement().asString().startsWith("progress: 4,000/4,000");
    }

    @Test
    void aRestApiThatDoesNotAnswerIsSaidOnceAndNothingThrows() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProgressReporter reporter =
                ProgressReporter.unscheduled(
                        new BackfillProgress(PLAN),
                        "http://localhost:" + closed,
                        "j1",
                        ProgressSink.lines(out),
                        false);
        for (int i = 0; i < 8; i++) {
            reporter.tick();
        }
        reporter.finish(false);
        assertThat(printed())
                .singleElement()
                .asString()
                .startsWith("progress: unavailable (the Flink REST API does not answer");
    }
}
