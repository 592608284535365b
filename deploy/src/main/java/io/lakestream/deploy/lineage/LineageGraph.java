package io.lakestream.deploy.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The graph of topics, jobs and tables that a lake's lineage events describe: every dataset a job
 * ever read or wrote is an edge, and each job shows its latest run (state, time, run id) with the
 * rows that run wrote per table and the Kafka records it read.
 *
 * <p>Nodes are laid out in columns by their longest path from a source, so that topics → ingest →
 * events → a lake backfill → derived tables read left to right.
 */
public final class LineageGraph {

    /** What a node is. */
    public enum Kind {
        TOPIC,
        JOB,
        TABLE
    }

    /**
     * A node: {@code id} is {@code namespace|name} (datasets) or {@code job:namespace|name}.
     *
     * @param detail e.g. the job's latest run: {@code COMPLETE 2026-11-26T05:00Z run-id}
     */
    public record Node(String id, Kind kind, String label, String detail, int column) {}

    /** An edge from a dataset to a job (read) or a job to a dataset (written). */
    public record Edge(String from, String to, String label) {}

    private final Map<String, Node> nodes;
    private final List<Edge> edges;

    private LineageGraph(Map<String, Node> nodes, List<Edge> edges) {
        this.nodes = nodes;
        this.edges = edges;
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public List<Edge> edges() {
        return edges;
    }

    /** The graph of {@code events} (OpenLineage RunEvents as JSON). */
    public static LineageGraph of(List<JsonNode> events) {
        Map<String, Kind> kinds = new TreeMap<>();
        Map<String, String> labels = new HashMap<>();
        Set<List<String>> edgeSet = new LinkedHashSet<>();
        Map<String, JsonNode> latestEvent = new HashMap<>();
        Map<String, String> latestRun = new HashMap<>();
        for (JsonNode e : events) {
            String job = jobId(e);
            kinds.put(job, Kind.JOB);
            labels.put(job, e.at("/job/name").asText());
            String run = e.at("/run/runId").asText();
            String time = e.at("/eventTime").asText();
            JsonNode previous = latestEvent.get(job);
            // the latest run is the one with the latest event; its latest event says its state
            if (previous == null || time.compareTo(previous.at("/eventTime").asText()) >= 0) {
                latestEvent.put(job, e);
                latestRun.put(job, run);
            }
            for (JsonNode in : e.path("inputs")) {
                String id = datasetId(in);
                kinds.putIfAbsent(id, kindOf(in));
                labels.put(id, datasetLabel(in));
                edgeSet.add(List.of(id, job));
            }
            for (JsonNode out : e.path("outputs")) {
                String id = datasetId(out);
                kinds.putIfAbsent(id, kindOf(out));
                labels.put(id, datasetLabel(out));
                edgeSet.add(List.of(job, id));
            }
        }
        Map<List<String>, String> edgeLabels = latestCounts(events, latestRun);
        Map<String, Integer> columns = columns(kinds.keySet(), edgeSet);
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Kind> k : kinds.entrySet()) {
            String id = k.getKey();
            String detail = "";
            if (k.getValue() == Kind.JOB) {
                JsonNode last = latestEvent.get(id);
                detail =
                        last.at("/eventType").asText()
                                + " "
                                + toSeconds(last.at("/eventTime").asText())
                                + " run "
                                + last.at("/run/facets/lakestream_run/run_id")
                                        .asText(last.at("/run/runId").asText());
            }
            nodes.put(id, new Node(id, k.getValue(), labels.get(id), detail, columns.get(id)));
        }
        List<Edge> edges = new ArrayList<>();
        for (List<String> e : edgeSet) {
            edges.add(new Edge(e.get(0), e.get(1), edgeLabels.getOrDefault(e, "")));
        }
        return new LineageGraph(nodes, edges);
    }

    /** Rows written per table and Kafka records read, by the latest COMPLETE of each job's run. */
    private static Map<List<String>, String> latestCounts(
            List<JsonNode> events, Map<String, String> latestRun) {
        Map<List<String>, String> labels = new HashMap<>();
        for (JsonNode e : events) {
            String job = jobId(e);
            if (!"COMPLETE".equals(e.at("/eventType").asText())
                    || !e.at("/run/runId").asText().equals(latestRun.get(job))) {
                continue;
            }
            for (JsonNode out : e.path("outputs")) {
                JsonNode rows = out.at("/outputFacets/outputStatistics/rowCount");
                if (rows.isNumber()) {
                    labels.put(
                            List.of(job, datasetId(out)), String.format("%,d rows", rows.asLong()));
                }
            }
            for (JsonNode in : e.path("inputs")) {
                JsonNode records = in.at("/inputFacets/lakestream_kafka_offsets/records");
                if (records.isNumber()) {
                    labels.put(
                            List.of(datasetId(in), job),
                            String.format("%,d offsets", records.asLong()));
                }
            }
        }
        return labels;
    }

    /** Longest path from a node without inputs; a cycle stops growing after |nodes| rounds. */
    private static Map<String, Integer> columns(Set<String> ids, Set<List<String>> edges) {
        Map<String, Integer> col = new HashMap<>();
        ids.forEach(id -> col.put(id, 0));
        for (int round = 0; round < ids.size(); round++) {
            boolean changed = false;
            for (List<String> e : edges) {
                int want = col.get(e.get(0)) + 1;
                if (col.get(e.get(1)) < want) {
                    col.put(e.get(1), want);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return col;
    }

    /** {@code 2026-11-26T05:45:15Z} of {@code 2026-11-26T05:45:15.505523256Z}. */
    private static String toSeconds(String time) {
        return time.length() > 19 && time.charAt(10) == 'T' ? time.substring(0, 19) + "Z" : time;
    }

    static String jobId(JsonNode e) {
        return "job:" + e.at("/job/namespace").asText() + "|" + e.at("/job/name").asText();
    }

    static String datasetId(JsonNode d) {
        return d.path("namespace").asText() + "|" + d.path("name").asText();
    }

    private static Kind kindOf(JsonNode d) {
        return d.path("namespace").asText().startsWith("kafka://") ? Kind.TOPIC : Kind.TABLE;
    }

    /** A topic by its name, a lake table by the last segment of its path. */
    private static String datasetLabel(JsonNode d) {
        String name = d.path("name").asText();
        int slash = name.lastIndexOf('/');
        return slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
    }
}
