package io.lakestream.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the cluster's state from the JobManager's REST API (the one behind the web UI). */
final class ClusterRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    ClusterRest(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** The overview, or empty if the REST API does not answer (yet). */
    Optional<ClusterOverview> overview() {
        Optional<JsonNode> overview = get("/overview");
        if (overview.isEmpty()) {
            return Optional.empty();
        }
        JsonNode o = overview.get();
        List<ClusterOverview.TaskManager> details = new ArrayList<>();
        get("/taskmanagers")
                .ifPresent(
                        t -> {
                            for (JsonNode tm : t.path("taskmanagers")) {
                                details.add(
                                        new ClusterOverview.TaskManager(
                                                tm.path("id").asText(),
                                                tm.path("slotsNumber").asInt(),
                                                tm.path("freeSlots").asInt()));
                            }
                        });
        return Optional.of(
                new ClusterOverview(
                        o.path("flink-version").asText(),
                        o.path("taskmanagers").asInt(),
                        o.path("slots-total").asInt(),
                        o.path("slots-available").asInt(),
                        o.path("jobs-running").asInt(),
                        List.copyOf(details)));
    }

    private Optional<JsonNode> get(String path) {
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while asking the Flink REST API", e);
        }
    }
}
