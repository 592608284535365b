package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.RowChecksum;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One open, not yet visible Parquet file (Snappy) of a partition, with the statistics its manifest
 * entry needs: rows, content checksum, event-time range.
 */
final class PartFile {

    private final Partition partition;
    private final String name;
    private final RecoverableFsDataOutputStream stream;
    private final BulkWriter<GenericRecord> writer;
    private final RowChecksum checksum = new RowChecksum();
    private long rows;
    private long sum;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private final SourceOffsets offsets = new SourceOffsets();

    PartFile(
            Partition partition,
            String name,
            RecoverableFsDataOutputStream stream,
            Schema schema,
            Set<String> columnsWithoutDictionary)
            throws IOException {
        this.partition = partition;
        this.name = name;
        this.stream = stream;
        this.writer = parquet(schema, columnsWithoutDictionary).create(stream);
    }

    /**
     * @param columnsWithoutDictionary top-level columns written plain ({@link
     *     io.lakestream.connectors.lake.LakeTable#columnsWithoutDictionary()})
     */
    static ParquetWriterFactory<GenericRecord> parquet(
            Schema schema, Set<String> columnsWithoutDictionary) {
        String json = schema.toString();
        List<String> plain = List.copyOf(columnsWithoutDictionary);
        return new ParquetWriterFactory<>(
                out -> {
                    AvroParquetWriter.Builder<GenericRecord> b =
                            AvroParquetWriter.<GenericRecord>builder(out)
                                    .withSchema(new Schema.Parser().parse(json))
                                    .withDataModel(GenericData.get())
                                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                                    // not the default Hadoop Configuration: each new one parses
                                    // Hadoop's XML resources on first read, once per file opened,
                                    // which was ~5 % of a stream's CPU time (JFR)
                                    .withConf(new PlainParquetConfiguration());
                    for (String column : plain) {
                        b.withDictionaryEncoding(column, false);
                    }
                    return b.build();
                });
    }

    void add(GenericRecord record, long firstTime, long lastTime, int sourcePartition, long offset)
            throws IOException {
        if (sourcePartition >= 0) {
            offsets.record(sourcePartition, offset);
        }
        writer.addElement(record);
        rows++;
        sum += checksum.hash(record);
        minTime = Math.min(minTime, firstTime);
        maxTime = Math.max(maxTime, lastTime);
    }

    LakeCommittable closeForCommit(
            SimpleVersionedSerializer<RecoverableWriter.CommitRecoverable> serializer)
            throws IOException {
        writer.finish();
        long bytes = stream.getPos();
        RecoverableWriter.CommitRecoverable recoverable = stream.closeForCommit().getRecoverable();
        return LakeCommittable.file(
                partition.path(),
                name,
                serializer.getVersion(),
                serializer.serialize(recoverable),
                rows,
                bytes,
                sum,
                minTime,
                maxTime,
                offsets.toString());
    }

    void discard() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // an in-progress file is hidden and never committed; nothing to undo
        }
    }
}
