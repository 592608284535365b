package io.lakestream.deploy.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a running job's Kafka offsets from Flink's REST API (the one behind the web UI): the job's
 * state and source vertices ({@code GET /jobs/:jobid}), the metric ids of each source vertex
 * ({@code GET /jobs/:jobid/vertices/:vertexid/metrics}), and the values of the Kafka source
 * reader's {@code KafkaSourceReader.topic.<topic>.partition.<p>.currentOffset} gauges, per subtask.
 * Flink refreshes these values every {@code metrics.fetcher.update-interval}.
 */
final class SourceOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL =
            Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED");

    private final String baseUrl;
    private final String jobId;
    private final Pattern offsetMetric;
    private final HttpClient http;

    SourceOffsets(String baseUrl, String jobId, String topic) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.jobId = jobId;
        this.offsetMetric =
                Pattern.compile(
                        "^\\d+\\..*KafkaSourceReader\\.topic\\."
                                + Pattern.quote(topic)
                                + "\\.partition\\.(\\d+)\\.currentOffset$");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** What one poll saw. */
    record Observed(String jobState, boolean sourcesFinished, Map<Integer, Long> currentOffsets) {

        boolean jobEnded() {
            return TERMINAL.contains(jobState);
        }
    }

    /**
     * One poll.
     *
     * @throws IOException if the REST API does not answer or answers with an error
     */
    Observed poll() throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        String state = job.path("state").asText("");
        List<JsonNode> sources = new ArrayList<>();
        for (JsonNode v : job.path("vertices")) {
            if (v.path("name").asText("").startsWith("Source:")) {
                sources.add(v);
            }
        }
        boolean finished =
                !sources.isEmpty()
                        && sources.stream()
                                .allMatch(v -> "FINISHED".equals(v.path("status").asText()));
        Map<Integer, Long> offsets = new TreeMap<>();
        for (JsonNode v : sources) {
            String path = "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode m : get(path)) {
                String id = m.path("id").asText("");
                if (offsetMetric.matcher(id).matches()) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            String query =
                    ids.stream()
                            .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8))
                            .collect(Collectors.joining(","));
            for (JsonNode m : get(path + "?get=" + query)) {
                Matcher match = offsetMetric.matcher(m.path("id").asText(""));
                if (!match.matches()) {
                    continue;
                }
                long value;
                try {
                    value = (long) Double.parseDouble(m.path("value").asText());
                } catch (NumberFormatException e) {
                    continue;
                }
                offsets.merge(Integer.parseInt(match.group(1)), value, Math::max);
            }
        }
        return new Observed(state, finished, offsets);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + path);
        }
        return JSON.readTree(response.body());
    }
}
