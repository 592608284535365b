package io.lakestream.bench.jmh;

import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.pipelines.decode.EventDecoder;
import io.lakestream.pipelines.tables.EventsTable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The lake sink's per-row work besides Parquet: an {@code events} row into its Avro record, and the
 * row checksum every manifest carries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RowChecksumBenchmark {

    private final EventsTable table = new EventsTable();
    private final RowChecksum checksum = new RowChecksum();
    private io.lakestream.pipelines.model.Event[] events;
    private GenericRecord[] records;
    private GenericRecord reused;
    private int i;

    @Setup
    public void setUp() {
        List<GeneratedRecord> valid = GeneratedPayloads.valid();
        EventDecoder decoder = new EventDecoder();
        events = new io.lakestream.pipelines.model.Event[valid.size()];
        records = new GenericRecord[valid.size()];
        for (int n = 0; n < events.length; n++) {
            GeneratedRecord r = valid.get(n);
            events[n] =
                    decoder.decode(new ConsumerRecord<>("events", 0, n, r.key(), r.value())).event;
            records[n] = table.toRecord(events[n], new GenericData.Record(table.schema()));
        }
        reused = new GenericData.Record(table.schema());
    }

    @Benchmark
    public GenericRecord toRecord() {
        return table.toRecord(events[i++ & GeneratedPayloads.MASK], reused);
    }

    @Benchmark
    public long checksum() {
        return checksum.hash(records[i++ & GeneratedPayloads.MASK]);
    }
}
