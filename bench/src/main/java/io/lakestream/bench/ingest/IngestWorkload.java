package io.lakestream.bench.ingest;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.Charts;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Timing;
import io.lakestream.bench.Workload;
import io.lakestream.bench.profile.JfrProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Workload 1, the ingest ceiling: the same topic read by Kafka's consumer alone (the read limit),
 * by a hand-written loop (the practical limit) and by Lakestream's ingest, alternating, {@code
 * runs} times each. Lakestream's rows must equal the hand-written loop's (both drop malformed
 * records and duplicates; the data has no late events), or the workload fails.
 */
public final class IngestWorkload implements Workload {

    private String bootstrap;
    private String topic;
    private Path work;
    private PrintStream log;
    private JfrProfile.Summary profile;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public ReportSection run(BenchContext context) throws Exception {
        bootstrap = context.bootstrap();
        topic = context.topic().name();
        work = context.dir(name());
        log = context.log();
        List<Timing> timings = timings(context.runs());
        return section(timings, context);
    }

    /** The three contenders' timings, in the order: read limit, hand-written, Lakestream. */
    private List<Timing> timings(int runs) throws Exception {
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

            Path handOut = BenchFiles.clean(work.resolve("hand"));
            t0 = System.nanoTime();
            long rows = new HandWrittenIngestPeer(bootstrap, topic).run(handOut);
            hand.add(rows, seconds(t0));
            log.printf(
                    "ingest run %d/%d: hand-written %,d rows in %.1f s%n",
                    run, runs, rows, seconds(t0));

            // a lake of its own each run: a stream's consumer group is named after its lake, and
            // a run in a lake used before would go on from that run's committed offsets
            String fresh = System.currentTimeMillis() + "-" + run;
            Path lakeOut = BenchFiles.clean(work.resolve("lake-" + fresh));
            Path state = BenchFiles.clean(work.resolve("state-" + fresh));
            // the first run is profiled (its time counts: JFR's "profile" settings slowed it by up
            // to a quarter, so the median is another run's)
            JfrProfile profiling = run == 1 ? JfrProfile.start() : null;
            t0 = System.nanoTime();
            long kept =
                    new LakestreamIngest(bootstrap, topic)
                            .run(lakeOut, state, "bench-ingest-" + run);
            lake.add(kept, seconds(t0));
            if (profiling != null) {
                try (profiling) {
                    profile = profiling.stop(work.resolve("ingest.jfr"), 15);
                }
            }
            log.printf(
                    "ingest run %d/%d: Lakestream %,d events in %.1f s%n",
                    run, runs, kept, seconds(t0));
            BenchFiles.delete(lakeOut);
            BenchFiles.delete(state);
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

    private String profileSection(Timing lakestream) {
        StringBuilder md = new StringBuilder("### Where Lakestream's ingest spends its time\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "JDK Flight Recorder method samples of the first Lakestream run (JFR's"
                                + " \"profile\" settings, in the bench's JVM, which runs the"
                                + " MiniCluster): %,d samples, %,d of them in Flink's task threads,"
                                + " which the shares below are of. GC and the broker's process are"
                                + " not sampled. The recording is `%s`.%n%n",
                        profile.samples(),
                        profile.taskSamples(),
                        work.resolve("ingest.jfr")));
        md.append("| library (first known frame from the top) | samples | share |\n");
        md.append("|---|---:|---:|\n");
        for (JfrProfile.Share s : profile.libraries()) {
            md.append(share(s));
        }
        md.append("\n| top frame (self time) | samples | share |\n|---|---:|---:|\n");
        for (JfrProfile.Share s : profile.topFrames()) {
            md.append(share(s));
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nIn native code (sampled apart, every 20 ms; a thread blocked in native"
                                + " code counts too): %,d samples of task threads, by native"
                                + " method:%n%n| native method | samples | share |%n|---|---:|---:|%n",
                        profile.nativeSamples()));
        for (JfrProfile.Share s : profile.nativeMethods()) {
            md.append(share(s));
        }
        return md.append('\n').toString();
    }

    private static String share(JfrProfile.Share s) {
        return String.format(
                Locale.ROOT, "| `%s` | %,d | %.1f %% |%n", s.name(), s.samples(), s.percent());
    }

    private ReportSection section(List<Timing> ingest, BenchContext context) throws IOException {
        StringBuilder md = new StringBuilder("## 1. Ingest ceiling\n\n");
        md.append("Kafka → decode → validate → dedup → Parquet `events`. Lakestream runs")
                .append(" `run --pipelines ingest --mode stream --until latest` (exactly once,")
                .append(" RocksDB, checkpoints every 10 s, parallelism 2, MiniCluster start")
                .append(" included); the hand-written loop is one thread with no checkpoints;")
                .append(" Kafka's consumer alone is the read limit. All on the same 2 cores as")
                .append(" the broker.\n\n");
        md.append("| contender | events | seconds (median, min–max) | events/s | events/s per")
                .append(" core | Lakestream ÷ it | output check |\n");
        md.append("|---|---:|---|---:|---:|---:|---|\n");
        Timing lakestream = ingest.get(ingest.size() - 1);
        for (Timing t : ingest) {
            int cores = t == lakestream ? 2 : 1;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.1f (%.1f–%.1f) | %,.0f | %,.0f | %s | %s |%n",
                            t.contender(),
                            t.events(),
                            t.medianSeconds(),
                            t.minSeconds(),
                            t.maxSeconds(),
                            t.rate(),
                            t.rate() / cores,
                            t == lakestream ? "—" : ratio(lakestream.rate() / t.rate()),
                            t.check()));
        }
        md.append("\nPer core: Lakestream's rate over its 2 task slots, the loops' over their one")
                .append(" thread; the broker shares the cores with all of them.\n\n");
        md.append(
                Charts.bars(
                        context.charts().resolve("ingest.png"),
                        "Ingest: events/s (median of " + lakestream.runs() + " runs)",
                        "events/s",
                        List.of("Kafka read only", "hand-written loop", "Lakestream"),
                        ingest.stream().map(Timing::rate).toList(),
                        context.chartLink()));
        md.append(profileSection(lakestream));
        return new ReportSection(
                md.toString(),
                List.of(
                        String.format(
                                Locale.ROOT,
                                "Ingest: %,.0f events/s (%,.0f per core); %s× the hand-written"
                                        + " loop, %s× Kafka's bare read",
                                lakestream.rate(),
                                lakestream.rate() / 2,
                                ratio(lakestream.rate() / ingest.get(1).rate()),
                                ratio(lakestream.rate() / ingest.get(0).rate()))));
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
