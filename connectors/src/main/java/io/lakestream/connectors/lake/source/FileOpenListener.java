package io.lakestream.connectors.lake.source;

import java.io.Serializable;
import org.apache.flink.core.fs.Path;

/**
 * Told of every data file a {@link LakeSource} opens, when Flink's file source reader opens it (and
 * again when it reopens it after a restore). Runs in the task that reads the file; it must be cheap
 * and must not throw.
 */
@FunctionalInterface
public interface FileOpenListener extends Serializable {

    void opened(Path file);

    /** Does nothing. */
    static FileOpenListener none() {
        return file -> {};
    }
}
