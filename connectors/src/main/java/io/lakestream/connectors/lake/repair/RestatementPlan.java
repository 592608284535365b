package io.lakestream.connectors.lake.repair;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakestream.connectors.lake.Partition;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of one repair ({@code <lake>/.repair/<run>/plan.json}), written before the first live
 * partition is touched: which partitions are restated (their new content waits, complete with its
 * manifest, under {@code <lake>/.repair/<run>/lake/}) and which {@code _late_events} dates are
 * marked repaired at the end. A repair that finds a journal completes it first, so a crash at any
 * step is finished by running repair again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RestatementPlan {

    public static final String FILE_NAME = "plan.json";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonProperty("run_id")
    public String runId;

    @JsonProperty("source")
    public String source;

    @JsonProperty("created_at")
    public String createdAt;

    @JsonProperty("partitions")
    public List<Entry> entries = new ArrayList<>();

    @JsonProperty("late_event_dates")
    public List<RepairMarker> marks = new ArrayList<>();

    /** How a partition changes. */
    public enum Action {
        /** The live partition is replaced (its content differs from the backfill's). */
        RESTATE,
        /** The partition is new: the live lake does not have it. */
        ADD
    }

    /** One partition to restate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Entry {
        @JsonProperty("table")
        public String table;

        @JsonProperty("partition")
        public String partition;

        @JsonProperty("action")
        public Action action;

        @JsonProperty("previous_version")
        public Integer previousVersion;

        @JsonProperty("previous_rows")
        public Long previousRows;

        @JsonProperty("previous_checksum")
        public String previousChecksum;

        @JsonProperty("previous_run_id")
        public String previousRunId;

        @JsonProperty("version")
        public int version;

        @JsonProperty("rows")
        public long rows;

        @JsonProperty("checksum")
        public String checksum;

        /** Late events of the partition's interval that the restatement folds in. */
        @JsonProperty("late_events")
        public long lateEvents;

        public Partition partition() {
            return Partition.parse(partition);
        }

        @Override
        public String toString() {
            return table + " " + partition;
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise repair plan", e);
        }
    }

    public static RestatementPlan read(InputStream in) throws IOException {
        return JSON.readValue(in, RestatementPlan.class);
    }
}
