package io.lakestream.connectors.lake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code _MANIFEST.json} of a committed partition: which files it holds, how many rows, the
 * order-independent content checksum, the event-time range, where the data came from, and which run
 * wrote it.
 *
 * <p>Readers that honour {@code _SUCCESS} can also read this file to learn a partition's version
 * without opening any Parquet file; {@code lakestream verify} recomputes rows and checksum from the
 * files and compares them with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class PartitionManifest {

    /** The format of this file; bumped when a field changes meaning. */
    public static final int FORMAT_VERSION = 1;

    public static final String FILE_NAME = "_MANIFEST.json";
    public static final String SUCCESS_FILE = "_SUCCESS";

    /**
     * Key in {@link #source} of the Kafka offsets of the partition's rows, per Kafka partition
     * {@code "p:[first,last]"} (inclusive), e.g. {@code "0:[1200,1899],1:[1187,1903]"}.
     */
    public static final String SOURCE_ROW_OFFSETS = "offsets_of_rows";

    /** Key in {@link #source} of the Kafka topic the partition's rows were read from. */
    public static final String SOURCE_TOPIC = "topic";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonProperty("format_version")
    public int formatVersion = FORMAT_VERSION;

    @JsonProperty("table")
    public String table;

    @JsonProperty("partition")
    public String partition;

    /** The restatement version of the partition: 1 when first written. */
    @JsonProperty("version")
    public int version = 1;

    @JsonProperty("run_id")
    public String runId;

    @JsonProperty("mode")
    public String mode;

    @JsonProperty("committed_at")
    public String committedAt;

    @JsonProperty("rows")
    public long rows;

    /** {@link RowChecksum} sum over all rows, 16 hex digits. */
    @JsonProperty("checksum")
    public String checksum;

    @JsonProperty("event_time_min")
    public String eventTimeMin;

    @JsonProperty("event_time_max")
    public String eventTimeMax;

    /** Late events for this partition that had been recorded in {@code _late_events} by commit. */
    @JsonProperty("late_events")
    public long lateEvents;

    @JsonProperty("files")
    public List<FileEntry> files = new ArrayList<>();

    @JsonProperty("source")
    public Map<String, Object> source = new LinkedHashMap<>();

    /**
     * When {@code lakestream compact} last rewrote the partition's files (ISO-8601 UTC); absent if
     * never. Compaction keeps every other field, the version included: the data is the same.
     */
    @JsonProperty("compacted_at")
    public String compactedAt;

    /** What the last compaction did; absent if the partition was never compacted. */
    @JsonProperty("compaction")
    public Compaction compaction;

    /**
     * How the partition's files are bucketed, if a compaction bucketed them; absent otherwise
     * (docs/decisions/0010-bucketing.md).
     */
    @JsonProperty("bucketing")
    public Bucketing bucketing;

    /** The record of one compaction of the partition (docs/decisions/0008-compaction.md). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Compaction {
        @JsonProperty("files_before")
        public int filesBefore;

        @JsonProperty("bytes_before")
        public long bytesBefore;

        @JsonProperty("target_bytes")
        public long targetBytes;

        /** How rows are ordered in the compacted files. */
        @JsonProperty("sort")
        public String sort;
    }

    /**
     * Why and from what this version replaced the previous one ({@code lakestream repair}): {@code
     * reason}, {@code late_events}, {@code previous_checksum}, {@code previous_run_id}, {@code
     * repair_run_id}; absent for a partition as first written.
     */
    @JsonProperty("restated")
    public Map<String, Object> restated;

    /**
     * Spark-compatible bucketing: file {@code part-<h>_<i>.c000.parquet} holds the rows whose
     * {@code pmod(hash(column), buckets)} is {@code i}, sorted by the column.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Bucketing {
        @JsonProperty("column")
        public String column;

        @JsonProperty("buckets")
        public int buckets;

        /** The bucket hash; {@code spark-murmur3-x86-32-seed-42}. */
        @JsonProperty("hash")
        public String hash;

        /** The column rows are sorted by within a bucket. */
        @JsonProperty("sorted_by")
        public String sortedBy;
    }

    /** One Parquet file of the partition. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class FileEntry {
        @JsonProperty("name")
        public String name;

        @JsonProperty("rows")
        public long rows;

        @JsonProperty("bytes")
        public long bytes;

        @JsonProperty("checksum")
        public String checksum;

        public FileEntry() {}

        public FileEntry(String name, long rows, long bytes, String checksum) {
            this.name = name;
            this.rows = rows;
            this.bytes = bytes;
            this.checksum = checksum;
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    public static PartitionManifest read(InputStream in) throws IOException {
        return JSON.readValue(in, PartitionManifest.class);
    }
}
