package io.lakestream.bench.jmh;

import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.pipelines.decode.EventDecoder;
import io.lakestream.pipelines.model.DecodedRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ingest pipeline's first step: Kafka record bytes → a checked {@code Event} (or quarantine).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

    private ConsumerRecord<byte[], byte[]>[] records;
    private final EventDecoder decoder = new EventDecoder();
    private int i;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        List<GeneratedRecord> valid = GeneratedPayloads.valid();
        records = new ConsumerRecord[valid.size()];
        for (int n = 0; n < records.length; n++) {
            GeneratedRecord r = valid.get(n);
            records[n] = new ConsumerRecord<>("events", 0, n, r.key(), r.value());
        }
    }

    @Benchmark
    public DecodedRecord decode() {
        DecodedRecord d = decoder.decode(records[i++ & GeneratedPayloads.MASK]);
        if (!d.isValid()) {
            throw new IllegalStateException("a generated valid record did not decode");
        }
        return d;
    }
}
