package io.lakestream.connectors.lake.compact;

import java.io.IOException;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over Flink's {@link FileSystem} (no Hadoop file system), whose files
 * get a canonical footer ({@link CanonicalFooterStream}).
 */
final class FlinkOutputFile implements OutputFile {

    private final FileSystem fs;
    private final Path path;

    FlinkOutputFile(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return wrap(fs.create(path, FileSystem.WriteMode.NO_OVERWRITE));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return wrap(fs.create(path, FileSystem.WriteMode.OVERWRITE));
    }

    private static PositionOutputStream wrap(FSDataOutputStream out) {
        return new CanonicalFooterStream(out);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}
