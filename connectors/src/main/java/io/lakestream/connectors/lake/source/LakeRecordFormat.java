package io.lakestream.connectors.lake.source;

import io.lakestream.connectors.lake.Partition;
import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads the rows of one Parquet file of a partition as {@link GenericRecord}s (parquet-avro, plain
 * {@link GenericData}: no logical-type conversions) and maps each to {@code T}. What Flink's {@code
 * AvroParquetReaders.forGenericRecord} does, without its dependency on flink-avro (whose type
 * information the records would need only if they travelled between operators; they never leave the
 * reader) and without a Hadoop configuration.
 *
 * <p>A Parquet file is not split; a restored reader reopens the file and Flink skips the rows
 * already emitted ({@link CheckpointedPosition#NO_OFFSET} plus a row count), as Flink's own Parquet
 * stream format does.
 */
final class LakeRecordFormat<T> implements StreamFormat<T> {

    private static final long serialVersionUID = 1L;

    private final LakeRecordMapper<T> mapper;
    private final TypeInformation<T> type;
    private final String projection; // Avro schema JSON, or null for every column
    private final Partition partition;

    LakeRecordFormat(
            LakeRecordMapper<T> mapper,
            TypeInformation<T> type,
            String projection,
            Partition partition) {
        this.mapper = mapper;
        this.type = type;
        this.projection = projection;
        this.partition = partition;
    }

    @Override
    public Reader<T> createReader(
            Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
            throws IOException {
        if (splitEnd != fileLen) {
            throw new IllegalArgumentException(
                    "a lake file is read whole, but the split ends at "
                            + splitEnd
                            + " of "
                            + fileLen);
        }
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        if (projection != null) {
            conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection);
        }
        ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(
                                new ParquetInputFile(stream, fileLen), conf)
                        .withDataModel(new GenericData())
                        .build();
        return new RowReader<>(reader, mapper, partition);
    }

    @Override
    public Reader<T> restoreReader(
            Configuration config,
            FSDataInputStream stream,
            long restoredOffset,
            long fileLen,
            long splitEnd)
            throws IOException {
        if (restoredOffset != CheckpointedPosition.NO_OFFSET) {
            throw new IllegalArgumentException(
                    "a lake file is restored by row count, not at byte offset " + restoredOffset);
        }
        return createReader(config, stream, fileLen, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    private static final class RowReader<T> implements StreamFormat.Reader<T> {
        private final ParquetReader<GenericRecord> reader;
        private final LakeRecordMapper<T> mapper;
        private final Partition partition;
        private long emitted;

        RowReader(ParquetReader<GenericRecord> reader, LakeRecordMapper<T> mapper, Partition p) {
            this.reader = reader;
            this.mapper = mapper;
            this.partition = p;
        }

        @Override
        public T read() throws IOException {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                T row = mapper.map(r, partition);
                if (row != null) {
                    emitted++;
                    return row;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }

        @Override
        public CheckpointedPosition getCheckpointedPosition() {
            // rows the mapper skipped are skipped again on restore, so counting emitted ones is
            // exact: Flink calls read() this many times on the reopened file
            return new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, emitted);
        }
    }
}
