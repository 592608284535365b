package io.lakestream.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * A Flink cluster's REST address ({@code HOST:PORT}), and the checks worth making before a job is
 * built for it: that something answers, and that it runs the Flink version the job jar was built
 * against (a 1.x cluster cannot run a 2.x job graph, and fails in ways that do not say so).
 */
public record JobManagerAddress(String host, int port) {

    /** Parses {@code HOST:PORT}; throws {@link IllegalArgumentException} with a one-line reason. */
    public static JobManagerAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("http://")) {
            t = t.substring("http://".length());
        }
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException(
                    "--jobmanager must be HOST:PORT, e.g. localhost:8081 (got '" + text + "')");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1).replaceAll("/+$", ""));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "--jobmanager must be HOST:PORT with a port from 1 to 65535 (got '"
                            + text
                            + "')");
        }
        return new JobManagerAddress(t.substring(0, colon), port);
    }

    /** The REST base URL, which is also the web UI's. */
    public String url() {
        return "http://" + host + ":" + port;
    }

    /** The web UI page of a job. */
    public String jobPage(String jobId) {
        return url() + "/#/job/running/" + jobId + "/overview";
    }

    /**
     * Asks the cluster for its version ({@code GET /config}).
     *
     * @throws IllegalStateException naming the address if nothing answers, or if the cluster's
     *     Flink version differs from this client's in major or minor number
     */
    public void requireCompatibleCluster(Duration timeout) {
        String clusterVersion = clusterVersion(timeout);
        String ours = EnvironmentInformation.getVersion();
        if (!majorMinor(clusterVersion).equals(majorMinor(ours))) {
            throw new IllegalStateException(
                    "the cluster at "
                            + host
                            + ":"
                            + port
                            + " runs Flink "
                            + clusterVersion
                            + "; the job jar is built for Flink "
                            + ours);
        }
    }

    private String clusterVersion(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url() + "/config"))
                        .timeout(timeout)
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "the Flink REST API at "
                                + host
                                + ":"
                                + port
                                + " answered HTTP "
                                + response.statusCode()
                                + " to /config: is it a Flink JobManager?");
            }
            JsonNode config = new ObjectMapper().readTree(response.body());
            JsonNode version = config.get("flink-version");
            if (version == null) {
                throw new IllegalStateException(
                        host + ":" + port + " answered /config without a Flink version");
            }
            return version.asText();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no Flink cluster answers at "
                            + host
                            + ":"
                            + port
                            + " ("
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage())
                            + "); start one with 'bin/lakestream cluster start'",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + url() + "/config", e);
        }
    }

    static String majorMinor(String version) {
        String[] parts = version.split("[.-]");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }
}
