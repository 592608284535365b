package io.lakestream.bench.jmh;

import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.state.sketch.BloomFilterSketch;
import io.lakestream.state.sketch.DistinctCountSketch;
import io.lakestream.state.sketch.FrequentItemsSketch;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The sketch updates on the per-event path: HyperLogLog for distinct users ({@code dau}), frequent
 * items for {@code top_items}, and the Bloom-filter front of dedup (sized as the pipeline sizes it
 * by default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SketchBenchmark {

    private String[] users;
    private String[] items;
    private String[] eventIds;
    private DistinctCountSketch distinct;
    private FrequentItemsSketch frequent;
    private BloomFilterSketch seen;
    private int i;

    @Setup
    public void setUp() {
        List<GeneratedRecord> valid = GeneratedPayloads.valid();
        users = new String[valid.size()];
        items = new String[valid.size()];
        eventIds = new String[valid.size()];
        for (int n = 0; n < users.length; n++) {
            users[n] = valid.get(n).event().userId();
            items[n] = valid.get(n).event().itemId();
            eventIds[n] = valid.get(n).event().eventId();
        }
        distinct = new DistinctCountSketch();
        frequent = new FrequentItemsSketch();
        seen = BloomFilterSketch.forCapacity(4_000_000, 0.01);
    }

    @Benchmark
    public void hllUpdate() {
        distinct.update(users[i++ & GeneratedPayloads.MASK]);
    }

    @Benchmark
    public void frequentItemsUpdate() {
        frequent.update(items[i++ & GeneratedPayloads.MASK]);
    }

    @Benchmark
    public boolean bloomCheckAndPut() {
        return seen.checkAndPut(eventIds[i++ & GeneratedPayloads.MASK]);
    }
}
