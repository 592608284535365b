package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.RowChecksum;

/** Rows, size and {@link RowChecksum} of one Parquet file, recomputed by reading it. */
public record FileStats(String name, long rows, long bytes, long checksum) {

    public String checksumHex() {
        return RowChecksum.format(checksum);
    }
}
