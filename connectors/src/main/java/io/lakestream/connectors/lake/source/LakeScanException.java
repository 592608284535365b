package io.lakestream.connectors.lake.source;

/**
 * A lake cannot be read as its commit records say: a committed partition without a manifest, a
 * manifest naming a file that is missing, a manifest that cannot be parsed. The message says which
 * partition and what to do; reading on would silently lose or invent rows.
 */
public class LakeScanException extends RuntimeException {
    public LakeScanException(String message) {
        super(message);
    }

    public LakeScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
