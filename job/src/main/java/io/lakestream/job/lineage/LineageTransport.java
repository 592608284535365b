package io.lakestream.job.lineage;

import java.io.IOException;

/** Where a run's lineage events go: one JSON document per call. */
public interface LineageTransport {

    /** Sends one event, serialised as a single-line JSON document. */
    void send(String eventJson) throws IOException;

    /** Names the destination in a log line, e.g. {@code http://marquez:5000/api/v1/lineage}. */
    String describe();
}
