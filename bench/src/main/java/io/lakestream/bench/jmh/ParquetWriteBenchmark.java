package io.lakestream.bench.jmh;

import io.lakestream.pipelines.decode.EventDecoder;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.tables.EventsTable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Writing {@code events} rows to Parquet (Snappy), the largest share of the ingest's profile, with
 * dictionary encoding on every column (parquet-java's default), off for {@code event_id} only (a
 * unique id: its dictionary fills up and falls back to plain in every file, after hashing every
 * value), or off everywhere. One operation is one row; a file holds {@link #ROWS} rows with unique
 * event ids, as a partition's file of a checkpoint does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParquetWriteBenchmark {

    static final int ROWS = 1 << 16;

    @Param({"all", "all-but-event_id", "none"})
    public String dictionary;

    private GenericRecord[] records;

    @Setup(Level.Trial)
    public void setUp() {
        EventDecoder decoder = new EventDecoder();
        EventsTable table = new EventsTable();
        List<Event> events =
                GeneratedPayloads.valid(ROWS, 7).stream()
                        .map(
                                r ->
                                        decoder.decode(
                                                        new ConsumerRecord<>(
                                                                "events", 0, 0, r.key(), r.value()))
                                                .event)
                        .toList();
        records = new GenericRecord[events.size()];
        for (int n = 0; n < records.length; n++) {
            records[n] = table.toRecord(events.get(n), new GenericData.Record(table.schema()));
        }
        try {
            // what each choice costs in size, beside the time JMH measures
            System.out.printf(
                    "%ndictionary %s: %.1f bytes per row%n",
                    dictionary, (double) writeFile() / records.length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long writeFile() throws IOException {
        CountingFile file = new CountingFile();
        AvroParquetWriter.Builder<GenericRecord> b =
                AvroParquetWriter.<GenericRecord>builder(file)
                        .withSchema(records[0].getSchema())
                        .withDataModel(GenericData.get())
                        .withCompressionCodec(CompressionCodecName.SNAPPY);
        switch (dictionary) {
            case "none" -> b.withDictionaryEncoding(false);
            case "all-but-event_id" -> b.withDictionaryEncoding("event_id", false);
            default -> {}
        }
        try (ParquetWriter<GenericRecord> w = b.build()) {
            for (GenericRecord r : records) {
                w.write(r);
            }
        }
        return file.bytes;
    }

    /** A Parquet output that counts its bytes and keeps none. */
    private static final class CountingFile implements OutputFile {
        long bytes;

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return bytes;
                }

                @Override
                public void write(int b) {
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes += len;
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
