package io.lakestream.connectors.lake.source;

import io.lakestream.connectors.lake.Partition;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file format of a {@link LakeSource}: {@link LakeRecordFormat} behind Flink's own stream
 * format adapter (what {@code FileSource.forRecordStreamFormat} uses), created per file so that the
 * mapper learns the file's partition from its folder, and telling a {@link FileOpenListener} of
 * every file it opens.
 */
final class LakeFileFormat<T> implements BulkFormat<T, FileSourceSplit> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LakeFileFormat.class);

    private final LakeRecordMapper<T> mapper;
    private final TypeInformation<T> type;
    private final String projection;
    private final FileOpenListener listener;

    LakeFileFormat(
            LakeRecordMapper<T> mapper,
            TypeInformation<T> type,
            String projection,
            FileOpenListener listener) {
        this.mapper = mapper;
        this.type = type;
        this.projection = projection;
        this.listener = listener;
    }

    @Override
    public Reader<T> createReader(Configuration config, FileSourceSplit split) throws IOException {
        Reader<T> reader = adapter(split).createReader(config, split);
        opened(split);
        return reader;
    }

    @Override
    public Reader<T> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        Reader<T> reader = adapter(split).restoreReader(config, split);
        opened(split);
        return reader;
    }

    private StreamFormatAdapter<T> adapter(FileSourceSplit split) {
        return new StreamFormatAdapter<>(
                new LakeRecordFormat<>(mapper, type, projection, partitionOf(split.path())));
    }

    private void opened(FileSourceSplit split) {
        LOG.debug("Reading lake file {} ({} bytes)", split.path(), split.length());
        listener.opened(split.path());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    /** The partition of a file {@code .../date=YYYY-MM-DD[/hour=HH]/part-*.parquet}. */
    static Partition partitionOf(Path file) {
        Path dir = file.getParent();
        String name = dir.getName();
        if (name.startsWith("hour=")) {
            return Partition.parse(dir.getParent().getName() + "/" + name);
        }
        return Partition.parse(name);
    }
}
