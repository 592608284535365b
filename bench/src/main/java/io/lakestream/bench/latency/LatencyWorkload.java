package io.lakestream.bench.latency;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.BenchMain;
import io.lakestream.bench.Charts;
import io.lakestream.bench.CheckpointHistory;
import io.lakestream.bench.FlinkRest;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Workload;
import io.lakestream.deploy.kafka.KafkaTopics;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.state.CheckpointSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Workload 5, latency: a stream ({@code run --pipelines ingest --mode stream}, checkpoints every 10
 * s) is running when a producer starts sending live events (event time = now) at a fixed rate, half
 * the ingest ceiling by default; each event's latency is from its produce time to the moment the
 * Parquet file holding it became visible in the lake (a file is visible once the checkpoint that
 * wrote it completed). Every produced event must become visible exactly once, or the workload
 * fails.
 */
public final class LatencyWorkload implements Workload {

    /** Half of Lakestream's ingest ceiling on the reference machine (docs/benchmarks.md). */
    public static final double DEFAULT_RATE = 75_000;

    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /**
     * The producer runs this long at scale 1, and scale × it otherwise, but never less than 20 s.
     */
    static final Duration PUBLISH_AT_SCALE_1 = Duration.ofSeconds(60);

    static final Duration MIN_PUBLISH = Duration.ofSeconds(20);

    /** How long after the producer's end every event must have become visible. */
    static final Duration DRAIN_DEADLINE = Duration.ofMinutes(2);

    private static final long POLL_MILLIS = 100;

    private final double rate;

    public LatencyWorkload(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("the latency rate must be positive, was " + rate);
        }
        this.rate = rate;
    }

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public ReportSection run(BenchContext context) throws Exception {
        double scale = (double) context.data().events() / BenchMain.EVENTS_PER_SCALE;
        Duration publish =
                Duration.ofMillis(
                        Math.max(
                                MIN_PUBLISH.toMillis(),
                                Math.round(PUBLISH_AT_SCALE_1.toMillis() * scale)));
        String run = Long.toString(System.currentTimeMillis());
        String topic = "bench-live-" + run;
        KafkaTopics.ensure(context.bootstrap(), topic, context.data().partitions());
        Path lake = BenchFiles.clean(context.dir(name()).resolve("lake-" + run));
        Path state = BenchFiles.clean(context.dir(name()).resolve("state-" + run));
        LiveProducer producer = new LiveProducer(context.bootstrap(), topic, run);
        LakeWatcher watcher = new LakeWatcher(lake, producer);
        CheckpointHistory checkpoints = new CheckpointHistory();
        LocalRun local =
                new LocalRun(2, CheckpointSettings.defaults(CHECKPOINT_INTERVAL), null, state, 0);
        RunSpec spec =
                RunPlanner.plan(
                        RunSpec.builder()
                                .mode(RunMode.STREAM)
                                .lake(lake.toAbsolutePath().toString())
                                .bootstrap(context.bootstrap())
                                .topic(topic)
                                .pipelines(List.of("ingest"))
                                .runId("bench-latency-" + run)
                                .build(),
                        Duration.ofSeconds(30));
        int port = local.restPort();
        JobClient job = local.start(spec);
        long produced;
        double producedSeconds;
        try {
            FlinkRest api = new FlinkRest("http://localhost:" + port, job.getJobID().toString());
            awaitRunning(api);
            context.log()
                    .printf(
                            "latency: stream running; producing %,.0f events/s for %d s%n",
                            rate, publish.toSeconds());
            long t0 = System.nanoTime();
            CompletableFuture<Long> sent =
                    CompletableFuture.supplyAsync(() -> producer.publish(rate, publish));
            while (!sent.isDone()) {
                watcher.poll();
                api.checkpoints().ifPresent(checkpoints::add);
                waitFor(sent);
            }
            produced = sent.join();
            producedSeconds = (System.nanoTime() - t0) / 1e9;
            long deadline = System.currentTimeMillis() + DRAIN_DEADLINE.toMillis();
            while (!watcher.seenAll(produced) && System.currentTimeMillis() < deadline) {
                watcher.poll();
                api.checkpoints().ifPresent(checkpoints::add);
                pause();
            }
            api.checkpoints().ifPresent(checkpoints::add);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
            // the cancelled job discards its checkpoints on its way down: let it end first
            job.getJobExecutionResult().handle((r, e) -> null).get(1, TimeUnit.MINUTES);
            deleteTopic(context.bootstrap(), topic);
        }
        BenchFiles.delete(lake);
        BenchFiles.delete(state);
        if (watcher.distinct() != produced
                || !watcher.seenAll(produced)
                || watcher.duplicates() > 0
                || watcher.foreign() > 0) {
            throw new IllegalStateException(
                    String.format(
                            "latency: produced %,d events, the lake shows %,d of them (%,d"
                                    + " duplicates, %,d unknown rows) within %d s of the end",
                            produced,
                            watcher.distinct(),
                            watcher.duplicates(),
                            watcher.foreign(),
                            DRAIN_DEADLINE.toSeconds()));
        }
        int[] latencies = watcher.sortedLatencies();
        context.log()
                .printf(
                        "latency: %,d events in %d files; p50 %.2f s, p99 %.2f s, max %.2f s%n",
                        produced,
                        watcher.files(),
                        quantile(latencies, 0.5) / 1000.0,
                        quantile(latencies, 0.99) / 1000.0,
                        latencies[latencies.length - 1] / 1000.0);
        return section(context, latencies, produced, producedSeconds, watcher.files(), checkpoints);
    }

    private ReportSection section(
            BenchContext context,
            int[] latencies,
            long produced,
            double seconds,
            int files,
            CheckpointHistory checkpoints)
            throws IOException {
        double interval = CHECKPOINT_INTERVAL.toMillis();
        StringBuilder md = new StringBuilder("## 5. Latency: produce → visible in the lake\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "`run --pipelines ingest --mode stream` (parallelism 2, exactly once,"
                                + " RocksDB, checkpoints every %d s) runs on a MiniCluster; once"
                                + " its tasks run, a producer sends live events (event time ="
                                + " produce time) at %,.0f events/s (`--latency-rate`; the default"
                                + " is half the ingest ceiling measured on the reference machine)"
                                + " for %.0f s. The lake's `events` table is listed every %d ms as"
                                + " a reader would see it: a Parquet file is visible once the"
                                + " checkpoint that wrote it completed (until then it is a hidden"
                                + " in-progress file). An event's latency is the time its file was"
                                + " first listed minus its event time. One run.%n%n",
                        CHECKPOINT_INTERVAL.toSeconds(),
                        rate,
                        seconds,
                        POLL_MILLIS));
        md.append("| events produced | achieved rate | files | p50 | p90 | p99 | max |")
                .append(" checkpoints (duration p50) | output check |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| %,d | %,.0f events/s | %d | %s | %s | %s | %s | %d (%s) | every"
                                + " event visible exactly once (ids and count) |%n%n",
                        produced,
                        produced / seconds,
                        files,
                        cell(quantile(latencies, 0.5), interval),
                        cell(quantile(latencies, 0.9), interval),
                        cell(quantile(latencies, 0.99), interval),
                        cell(latencies[latencies.length - 1], interval),
                        checkpoints.completed().size(),
                        checkpoints.completed().isEmpty()
                                ? "—"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2f s",
                                        checkpoints.durationQuantile(0.5) / 1000.0)));
        md.append("Latencies in seconds, and in checkpoint intervals in parentheses. An event")
                .append(" waits for the next checkpoint to start and complete: while the stream")
                .append(" keeps up, its latency lies between a checkpoint's duration and one")
                .append(" interval plus it; more means the stream (or the producer, when the")
                .append(" achieved rate is below the asked one) fell behind on the shared")
                .append(" cores.\n\n");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            double q = i / 200.0;
            x.add(quantile(latencies, q) / 1000.0);
            y.add(q * 100);
        }
        md.append(
                Charts.lines(
                        context.charts().resolve("latency-cdf.png"),
                        "Latency: produce → visible in the lake (CDF)",
                        "latency, s",
                        "% of events visible",
                        List.of(new Charts.Series("events", x, y)),
                        context.chartLink()));
        return new ReportSection(
                md.toString(),
                List.of(
                        String.format(
                                Locale.ROOT,
                                "Latency at %,.0f events/s, checkpoints every %d s: p50 %.1f s,"
                                        + " p99 %.1f s, max %.1f s from produce to visible in the"
                                        + " lake",
                                produced / seconds,
                                CHECKPOINT_INTERVAL.toSeconds(),
                                quantile(latencies, 0.5) / 1000.0,
                                quantile(latencies, 0.99) / 1000.0,
                                latencies[latencies.length - 1] / 1000.0)));
    }

    private static String cell(int millis, double intervalMillis) {
        return String.format(
                Locale.ROOT, "%.2f s (%.2f)", millis / 1000.0, millis / intervalMillis);
    }

    /** Nearest-rank quantile of sorted values. */
    static int quantile(int[] sorted, double q) {
        return sorted[
                Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /**
     * Polls until every task of the stream runs; the producer must not wait for a deploying job.
     */
    private static void awaitRunning(FlinkRest api) throws Exception {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(2).toMillis();
        while (!api.allTasksRunning()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the stream's tasks were not running within 2 min");
            }
            pause();
        }
    }

    /** The pause between two polls. */
    private static void pause() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }

    /** Waits one poll interval, or less if {@code f} completes. */
    private static void waitFor(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException
                | java.util.concurrent.ExecutionException e) {
            // the next poll, or the caller's join, deals with it
        }
    }

    private static void deleteTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }
}
