package io.lakestream.bench.ingest;

import io.lakestream.bench.Timing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Workload 1, the ingest ceiling: the same topic read by Kafka's consumer alone (the read limit),
 * by a hand-written loop (the practical limit) and by Lakestream's ingest, alternating, {@code
 * runs} times each. Lakestream's rows must equal the hand-written loop's (both drop malformed
 * records and duplicates; the data has no late events), or the workload fails.
 */
public final class IngestWorkload {

    private final String bootstrap;
    private final String topic;
    private final Path work;
    private final PrintStream log;

    public IngestWorkload(String bootstrap, String topic, Path work, PrintStream log) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.work = work;
        this.log = log;
    }

    /** The three contenders' timings, in the order: read limit, hand-written, Lakestream. */
    public List<Timing> run(int runs) throws Exception {
        Timing read = new Timing("Kafka consumer, read only (1 thread)");
        Timing hand = new Timing("hand-written loop: consumer + Jackson + parquet-java (1 thread)");
        Timing lake = new Timing("Lakestream ingest (parallelism 2, exactly once, RocksDB)");
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            long n = new KafkaReadPeer(bootstrap, topic).run();
            read.add(n, seconds(t0));
            log.printf(
                    "ingest run %d/%d: read limit %,d records in %.1f s%n",
                    run, runs, n, seconds(t0));

            Path handOut = clean(work.resolve("hand"));
            t0 = System.nanoTime();
            long rows = new HandWrittenIngestPeer(bootstrap, topic).run(handOut);
            hand.add(rows, seconds(t0));
            log.printf(
                    "ingest run %d/%d: hand-written %,d rows in %.1f s%n",
                    run, runs, rows, seconds(t0));

            // a lake of its own each run: a stream's consumer group is named after its lake, and
            // a run in a lake used before would go on from that run's committed offsets
            String fresh = System.currentTimeMillis() + "-" + run;
            Path lakeOut = clean(work.resolve("lake-" + fresh));
            Path state = clean(work.resolve("state-" + fresh));
            t0 = System.nanoTime();
            long kept =
                    new LakestreamIngest(bootstrap, topic)
                            .run(lakeOut, state, "bench-ingest-" + run);
            lake.add(kept, seconds(t0));
            log.printf(
                    "ingest run %d/%d: Lakestream %,d events in %.1f s%n",
                    run, runs, kept, seconds(t0));
            delete(lakeOut);
            delete(state);
            if (kept != rows) {
                throw new IllegalStateException(
                        "Lakestream kept " + kept + " events, the hand-written loop " + rows);
            }
        }
        hand.check("rows = Lakestream's events (malformed and duplicates dropped by both)");
        lake.check("events = the hand-written loop's rows");
        read.check("records = the topic's");
        return List.of(read, hand, lake);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Path clean(Path dir) throws IOException {
        delete(dir);
        return Files.createDirectories(dir);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
