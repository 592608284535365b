package io.lakestream.connectors.lake.read;

/**
 * One way a partition on disk disagrees with what its writer promised ({@code _SUCCESS} and {@code
 * _MANIFEST.json}). The kind lets callers react to a class of problem; the message names the file
 * and the values for a human.
 */
public record Problem(Kind kind, String message) {

    /** What is wrong. */
    public enum Kind {
        /** No {@code _SUCCESS}: the partition was never committed (or is still being written). */
        MISSING_SUCCESS,
        /**
         * No {@code _SUCCESS} because a quality rule held the partition back ({@code _QUARANTINED},
         * docs/decisions/0021).
         */
        QUARANTINED,
        MISSING_MANIFEST,
        UNREADABLE_MANIFEST,
        /** A visible file that is not a readable Parquet file. */
        UNREADABLE_FILE,
        /** A visible file that readers see but the manifest does not list. */
        FILE_NOT_IN_MANIFEST,
        /** A file the manifest lists that is not on disk. */
        FILE_MISSING,
        /** A listed file whose rows, bytes or checksum differ from the manifest's entry. */
        FILE_MISMATCH,
        ROWS_MISMATCH,
        CHECKSUM_MISMATCH
    }

    @Override
    public String toString() {
        return message;
    }
}
