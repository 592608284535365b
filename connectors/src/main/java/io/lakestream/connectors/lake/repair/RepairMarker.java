package io.lakestream.connectors.lake.repair;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code _REPAIRED.json} that a repair leaves in a {@code _late_events} date folder: which
 * repair folded that date's late events into the lake, and how many late events (and which content
 * checksum) it covered. A later repair skips the date while the late events' checksum is still the
 * one recorded here; when more late events arrive, the checksum changes and the date is repaired
 * again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RepairMarker {

    public static final String FILE_NAME = "_REPAIRED.json";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonProperty("date")
    public String date;

    @JsonProperty("repair_run_id")
    public String repairRunId;

    @JsonProperty("repaired_at")
    public String repairedAt;

    /** Late events of the date when the repair read them. */
    @JsonProperty("late_events")
    public long lateEvents;

    /** Content checksum of the date's {@code _late_events} rows when the repair read them. */
    @JsonProperty("late_events_checksum")
    public String lateEventsChecksum;

    /** Where the repair's backfill read: kafka, lake or lake+kafka. */
    @JsonProperty("source")
    public String source;

    /**
     * Whether the repair also rebuilt {@code events}: a lake-sourced repair cannot (ADR 0007), so a
     * later repair from Kafka repairs the date again.
     */
    @JsonProperty("covers_events")
    public boolean coversEvents;

    public RepairMarker() {}

    public RepairMarker(
            String date,
            long lateEvents,
            String lateEventsChecksum,
            String source,
            boolean coversEvents) {
        this.date = date;
        this.lateEvents = lateEvents;
        this.lateEventsChecksum = lateEventsChecksum;
        this.source = source;
        this.coversEvents = coversEvents;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise repair marker", e);
        }
    }

    public static RepairMarker read(InputStream in) throws IOException {
        return JSON.readValue(in, RepairMarker.class);
    }
}
