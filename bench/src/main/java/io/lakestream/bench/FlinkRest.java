package io.lakestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A job's progress as Flink's REST API (the web UI's) reports it: the states of its tasks and its
 * checkpoint statistics. The workloads measure through it what an operator would watch, without
 * reaching into the job.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String jobId;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * The REST API at {@code baseUrl} (e.g. {@code http://localhost:8081}) for job {@code jobId}.
     */
    public FlinkRest(String baseUrl, String jobId) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.jobId = jobId;
    }

    /**
     * Whether every task of the job is running (or already finished, at the end of a bounded
     * input); false while any is being created, deployed, restored or cancelled, or if the API does
     * not answer.
     */
    public boolean allTasksRunning() throws InterruptedException {
        Optional<JsonNode> job = get("/jobs/" + jobId);
        if (job.isEmpty() || !job.get().path("vertices").isArray()) {
            return false;
        }
        for (JsonNode vertex : job.get().path("vertices")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = vertex.path("tasks").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> state = it.next();
                boolean running =
                        state.getKey().equals("RUNNING") || state.getKey().equals("FINISHED");
                if (!running && state.getValue().asInt() > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The job's {@code /checkpoints} answer, or empty if the API does not answer. */
    public Optional<JsonNode> checkpoints() throws InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** The job's vertices: id to name (empty if the API does not answer). */
    public Map<String, String> vertexNames() throws InterruptedException {
        Map<String, String> names = new LinkedHashMap<>();
        get("/jobs/" + jobId)
                .ifPresent(
                        job -> {
                            for (JsonNode v : job.path("vertices")) {
                                names.put(v.path("id").asText(), v.path("name").asText());
                            }
                        });
        return names;
    }

    /**
     * Where checkpoint {@code id} spent its time, per subtask, or empty if the API does not answer
     * (it keeps the details of the checkpoints in its history).
     */
    public Optional<CheckpointBreakdown> checkpointBreakdown(long id, Map<String, String> names)
            throws InterruptedException {
        String base = "/jobs/" + jobId + "/checkpoints/details/" + id;
        Optional<JsonNode> details = get(base);
        if (details.isEmpty()) {
            return Optional.empty();
        }
        Map<String, JsonNode> subtasks = new LinkedHashMap<>();
        for (String vertex : CheckpointBreakdown.vertexIds(details.get())) {
            Optional<JsonNode> s = get(base + "/subtasks/" + vertex);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            subtasks.put(vertex, s.get());
        }
        return Optional.of(CheckpointBreakdown.parse(details.get(), subtasks, names));
    }

    private Optional<JsonNode> get(String path) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(JSON.readTree(response.body()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
