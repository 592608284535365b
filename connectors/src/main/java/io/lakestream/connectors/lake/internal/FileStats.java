package io.lakestream.connectors.lake.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The statistics of one committed Parquet file, kept beside it in a hidden sidecar ({@code
 * .<file>.stats.json}) written just before the file becomes visible. Whoever publishes the
 * partition later — the stream's partition committer, or the run's finaliser after a bounded job —
 * builds the manifest from the sidecars without re-reading any Parquet file.
 */
public final class FileStats {

    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonProperty("rows")
    public long rows;

    @JsonProperty("bytes")
    public long bytes;

    @JsonProperty("checksum")
    public String checksum;

    @JsonProperty("event_time_min")
    public long minTime;

    @JsonProperty("event_time_max")
    public long maxTime;

    @JsonProperty("source_offsets")
    public String sourceOffsets = "";

    public FileStats() {}

    static FileStats of(LakeCommittable c) {
        FileStats s = new FileStats();
        s.rows = c.rows();
        s.bytes = c.bytes();
        s.checksum = io.lakestream.connectors.lake.RowChecksum.format(c.checksum());
        s.minTime = c.minTime();
        s.maxTime = c.maxTime();
        s.sourceOffsets = c.sourceOffsets();
        return s;
    }

    /** The sidecar of a data file: same folder, hidden name. */
    public static Path sidecarOf(Path dataFile) {
        return new Path(dataFile.getParent(), "." + dataFile.getName() + ".stats.json");
    }

    void write(FileSystem fs, Path dataFile) throws IOException {
        try (OutputStream out = fs.create(sidecarOf(dataFile), FileSystem.WriteMode.OVERWRITE)) {
            out.write(JSON.writeValueAsBytes(this));
        }
    }

    static FileStats read(FileSystem fs, Path dataFile) throws IOException {
        try (InputStream in = fs.open(sidecarOf(dataFile))) {
            return JSON.readValue(in, FileStats.class);
        }
    }
}
