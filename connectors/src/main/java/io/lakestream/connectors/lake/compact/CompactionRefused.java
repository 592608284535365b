package io.lakestream.connectors.lake.compact;

import java.io.IOException;

/**
 * A partition that compaction will not touch because it is not what its manifest says (or the
 * rewrite would not hold the same rows); the message is one line for the user.
 */
public final class CompactionRefused extends IOException {

    private static final long serialVersionUID = 1L;

    public CompactionRefused(String message) {
        super(message);
    }
}
