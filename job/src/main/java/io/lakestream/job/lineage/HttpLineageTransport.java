package io.lakestream.job.lineage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs each event to an OpenLineage HTTP endpoint, e.g. Marquez's {@code
 * http://marquez:5000/api/v1/lineage}. Uses the JDK's client (no extra dependency in the job jar);
 * a slow or absent server costs a run at most the timeout per event.
 */
public final class HttpLineageTransport implements LineageTransport {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI endpoint;
    private final HttpClient client;

    public HttpLineageTransport(URI endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public void send(String eventJson) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(eventJson))
                        .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public String describe() {
        return endpoint.toString();
    }
}
