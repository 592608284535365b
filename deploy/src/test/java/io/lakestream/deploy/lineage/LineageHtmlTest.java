package io.lakestream.deploy.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.kafka.ReplayPlan;
import io.lakestream.job.lineage.LineageEvents;
import io.lakestream.job.lineage.PublishedPartition;
import io.lakestream.job.lineage.QualityFacets;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClientUtils;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class LineageHtmlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");
    private static final String LAKE = "/data/lake";

    /** An ingest backfill from Kafka, then a lake backfill of user_daily from its events. */
    private static List<JsonNode> history() throws Exception {
        RunSpec ingest =
                RunSpec.builder()
                        .mode(RunMode.BACKFILL)
                        .lake(LAKE)
                        .topic("events")
                        .pipelines(List.of("ingest"))
                        .range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1))
                        .runId("ingest-1")
                        .replay(new ReplayPlan("events", 0, 1, Map.of(0, new long[] {0, 500})))
                        .build();
        RunSpec derived =
                ingest.toBuilder()
                        .pipelines(List.of("user_daily"))
                        .runId("derive-1")
                        .replay(new ReplayPlan("events", 0, 1, Map.of(0, new long[] {0, 500})))
                        .build();
        LineageEvents a = new LineageEvents(ingest, QualityFacets.NONE);
        LineageEvents b = new LineageEvents(derived, QualityFacets.NONE);
        List<RunEvent> events = new ArrayList<>();
        events.add(a.start(T0, List.of("events", "_quarantine")));
        events.add(
                a.complete(
                        T0.plusSeconds(10),
                        List.of(partition("events", 480), partition("_quarantine", 3))));
        events.add(b.start(T0.plusSeconds(20), List.of("user_daily")));
        events.add(b.complete(T0.plusSeconds(30), List.of(partition("user_daily", 77))));
        List<JsonNode> json = new ArrayList<>();
        for (RunEvent e : events) {
            json.add(JSON.readTree(OpenLineageClientUtils.toJson(e)));
        }
        return json;
    }

    private static PublishedPartition partition(String table, long rows) {
        return new PublishedPartition(
                table, "date=2026-11-01", rows, 10, 1, "ab", 1, T0, "events", null);
    }

    @Test
    void thePageDrawsEveryDatasetAndJobOfTheEventsAndTheirEdges() throws Exception {
        List<JsonNode> events = history();
        Set<String> expectedNodes = new HashSet<>();
        Set<String> expectedEdges = new HashSet<>();
        for (JsonNode e : events) {
            String job =
                    "job:" + e.at("/job/namespace").asText() + "|" + e.at("/job/name").asText();
            expectedNodes.add(job);
            for (JsonNode in : e.path("inputs")) {
                String id = in.get("namespace").asText() + "|" + in.get("name").asText();
                expectedNodes.add(id);
                expectedEdges.add(id + " -> " + job);
            }
            for (JsonNode out : e.path("outputs")) {
                String id = out.get("namespace").asText() + "|" + out.get("name").asText();
                expectedNodes.add(id);
                expectedEdges.add(job + " -> " + id);
            }
        }

        Document page = Jsoup.parse(LineageHtml.render(LineageGraph.of(events), "t"));

        Set<String> nodes = new HashSet<>();
        for (Element g : page.select("svg g.node")) {
            nodes.add(g.attr("data-id"));
        }
        Set<String> edges = new HashSet<>();
        for (Element p : page.select("svg path.edge")) {
            edges.add(p.attr("data-from") + " -> " + p.attr("data-to"));
        }
        assertThat(nodes).isEqualTo(expectedNodes);
        assertThat(edges).isEqualTo(expectedEdges);
        assertThat(page.select("g.node[data-kind=topic]")).hasSize(1);
        assertThat(page.select("g.node[data-kind=job]")).hasSize(2);
        assertThat(page.select("g.node[data-kind=table] text.label").eachText())
                .containsExactlyInAnyOrder("events", "_quarantine", "user_daily");
        assertThat(page.select("script[src], link[href], img[src]")).isEmpty();
        assertThat(page.select("text.edge-label").eachText())
                .contains("480 rows", "3 rows", "77 rows", "500 offsets");
        assertThat(page.select("g.node[data-kind=job] text.kind").eachText())
                .allMatch(t -> t.startsWith("job · COMPLETE 2026-11-26T05:00:"));
        assertThat(page.select("g.node[data-kind=job] text.detail").eachText())
                .containsExactlyInAnyOrder("run ingest-1", "run derive-1");
    }

    @Test
    void columnsFollowTheDataFromTopicToDerivedTable() throws Exception {
        Map<String, Integer> column = new java.util.HashMap<>();
        for (LineageGraph.Node n : LineageGraph.of(history()).nodes()) {
            column.put(n.kind() + ":" + n.label(), n.column());
        }
        assertThat(column.get("TOPIC:events")).isZero();
        assertThat(column.get("JOB:ingest.backfill")).isEqualTo(1);
        assertThat(column.get("TABLE:events")).isEqualTo(2);
        assertThat(column.get("TABLE:user_daily"))
                .isGreaterThan(column.get("JOB:user_daily.backfill"));
    }

    @Test
    void theLatestRunOfAJobIsShownAndAFailureWins() throws Exception {
        List<JsonNode> events = new ArrayList<>(history());
        RunSpec again =
                RunSpec.builder()
                        .mode(RunMode.BACKFILL)
                        .lake(LAKE)
                        .pipelines(List.of("user_daily"))
                        .range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1))
                        .runId("derive-2")
                        .build();
        events.add(
                JSON.readTree(
                        OpenLineageClientUtils.toJson(
                                new LineageEvents(again, QualityFacets.NONE)
                                        .fail(T0.plusSeconds(60), new RuntimeException("x")))));
        LineageGraph.Node job =
                LineageGraph.of(events).nodes().stream()
                        .filter(n -> n.label().equals("user_daily.backfill"))
                        .findFirst()
                        .orElseThrow();
        assertThat(job.detail()).startsWith("FAIL ").endsWith("run derive-2");
    }
}
