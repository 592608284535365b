package io.lakestream.connectors.lake.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * A bounded Flink source over the files of a {@link LakeScan}: Flink's own {@link FileSource},
 * given exactly the files the scan planned (so it lists no folder and opens nothing else), reading
 * each Parquet file whole and mapping each row to {@code T}.
 *
 * <pre>{@code
 * LakeScan scan = LakeScanner.of(lake).scan("events", PartitionScheme.DATE_HOUR, from, to);
 * scan.messages().forEach(System.err::println);
 * FileSource<Decoded> source = LakeSource.of(scan, (record, partition) -> decode(record), type).build();
 * env.fromSource(source, watermarks, "lake: events");
 * }</pre>
 *
 * <p>The rows of a file come in file order; files are handed to the readers in no particular order.
 * How many files were opened: {@link LakeScan#fileCount()} is what the source will open, and {@link
 * Builder#onFileOpened} is told of each file as a reader opens it.
 */
public final class LakeSource {

    private LakeSource() {}

    /**
     * A source over {@code scan}'s files producing what {@code mapper} makes of each row, typed
     * {@code type}.
     */
    public static <T> Builder<T> of(
            LakeScan scan, LakeRecordMapper<T> mapper, TypeInformation<T> type) {
        return new Builder<>(scan, mapper, type);
    }

    /** Builds the {@link FileSource}; {@link #build()} checks the settings. */
    public static final class Builder<T> {
        private final LakeScan scan;
        private final List<LakeScan> more = new ArrayList<>();
        private final LakeRecordMapper<T> mapper;
        private final TypeInformation<T> type;
        private Schema projection;
        private FileOpenListener listener = FileOpenListener.none();

        private Builder(LakeScan scan, LakeRecordMapper<T> mapper, TypeInformation<T> type) {
            this.scan = Objects.requireNonNull(scan, "scan");
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Reads only the columns of {@code schema} (a record schema whose fields are a subset of
         * the table's, by name); by default every column is read.
         */
        public Builder<T> columns(Schema schema) {
            this.projection = schema;
            return this;
        }

        /**
         * Also reads {@code other}'s files (e.g. a second table with the same rows' meaning, such
         * as {@code _late_events} beside {@code events}); the mapper sees each file's own columns.
         */
        public Builder<T> alsoRead(LakeScan other) {
            more.add(Objects.requireNonNull(other, "other"));
            return this;
        }

        /** Tells {@code listener} of every file a reader opens. */
        public Builder<T> onFileOpened(FileOpenListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @throws IllegalStateException if the scan found no committed file: a bounded read of
         *     nothing is almost always a wrong range or lake, and a backfill from it would replace
         *     partitions with nothing
         */
        public FileSource<T> build() {
            if (scan.isEmpty()) {
                throw new IllegalStateException(
                        "nothing to read: the lake has no committed partition of '"
                                + scan.table()
                                + "' from "
                                + scan.from()
                                + " to "
                                + scan.to()
                                + (scan.messages().isEmpty()
                                        ? ""
                                        : " (" + String.join("; ", scan.messages()) + ")"));
            }
            LakeFileFormat<T> format =
                    new LakeFileFormat<>(
                            mapper,
                            type,
                            projection == null ? null : projection.toString(),
                            listener);
            List<Path> paths = new ArrayList<>(scan.paths());
            more.forEach(m -> paths.addAll(m.paths()));
            return FileSource.forBulkFileFormat(format, paths.toArray(new Path[0])).build();
        }
    }
}
