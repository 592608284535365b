package io.lakestream.bench.backfill;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.Charts;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Timing;
import io.lakestream.bench.Workload;
import io.lakestream.bench.profile.JfrProfile;
import io.lakestream.pipelines.job.SourceKind;
import io.lakestream.state.sketch.DistinctCountSketch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Workload 2, the backfill from the lake: the {@code events} table of a lake that Lakestream
 * ingested from the bench topic, turned into {@code user_daily} and {@code dau} (Snappy Parquet,
 * partitioned by date) by Lakestream's BATCH backfill, by Spark SQL on {@code local[2]} in a child
 * JVM, and by DuckDB in process, alternating, {@code runs} times each. The three outputs must agree
 * ({@link OutputAgreement}) or the workload fails.
 */
public final class BackfillWorkload implements Workload {

    /** The relative standard error of Lakestream's and Spark's DataSketches HLL sketches. */
    static final double SKETCH_RSE = 1.04 / Math.sqrt(1 << DistinctCountSketch.DEFAULT_LG_K);

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public ReportSection run(BenchContext context) throws Exception {
        Path work = context.dir(name());
        PrintStream log = context.log();
        Path input = InputLake.ensure(context, work);
        LocalDate from = context.data().start();
        LocalDate to = from.plusDays(context.data().days() - 1);
        OutputAgreement.Truth truth = OutputAgreement.truth(input.resolve("events"), from, to);
        SparkPeer spark = SparkPeer.ofBench();
        spark.classpath(); // builds the peer before the first timed run

        LakestreamBackfill lakestream =
                new LakestreamBackfill(context.bootstrap(), context.topic().name(), from, to);
        DuckDbBackfill duck = new DuckDbBackfill(input.resolve("events"), from, to);
        Timing lake = new Timing("Lakestream backfill, --source lake (parallelism 2, BATCH)");
        Timing sparkTime = new Timing("Spark SQL " + SparkPeer.VERSION + ", local[2], child JVM");
        Timing duckTime = new Timing("DuckDB 1.4, in process, 2 threads");
        long rows = 0;
        double[] worst = new double[3];
        JfrProfile.Summary profile = null;
        Path lakeOut = work.resolve("lakestream-out");
        for (int run = 1; run <= context.runs(); run++) {
            InputLake.fresh(input, lakeOut);
            Path state = BenchFiles.clean(work.resolve("lakestream-state"));
            // the first run is profiled, as the ingest's (JFR slows it; the median is another's)
            JfrProfile profiling = run == 1 ? JfrProfile.start() : null;
            long t0 = System.nanoTime();
            lakestream.run(SourceKind.LAKE, lakeOut, state, "bench-backfill-" + run);
            lake.add(truth.events(), seconds(t0));
            if (profiling != null) {
                try (profiling) {
                    profile = profiling.stop(work.resolve("backfill.jfr"), 15);
                }
            }
            log.printf("backfill run %d/%d: Lakestream %.1f s%n", run, context.runs(), seconds(t0));

            Path sparkOut = BenchFiles.clean(work.resolve("spark-out"));
            t0 = System.nanoTime();
            Map<String, Long> sparkRows = spark.run(input.resolve("events"), sparkOut, from, to);
            sparkTime.add(truth.events(), seconds(t0));
            log.printf("backfill run %d/%d: Spark %.1f s%n", run, context.runs(), seconds(t0));

            Path duckOut = BenchFiles.clean(work.resolve("duckdb-out"));
            t0 = System.nanoTime();
            duck.run(duckOut);
            duckTime.add(truth.events(), seconds(t0));
            log.printf("backfill run %d/%d: DuckDB %.1f s%n", run, context.runs(), seconds(t0));

            rows = OutputAgreement.sameUserDaily(lakeOut, "Lakestream", sparkOut, "Spark");
            OutputAgreement.sameUserDaily(lakeOut, "Lakestream", duckOut, "DuckDB");
            if (sparkRows.getOrDefault("user_daily", -1L) != rows) {
                throw new IllegalStateException(
                        "Spark reported " + sparkRows + ", its user_daily has " + rows + " rows");
            }
            worst[0] = OutputAgreement.dauWithinBound(lakeOut, "Lakestream", truth, SKETCH_RSE);
            worst[1] = OutputAgreement.dauWithinBound(sparkOut, "Spark", truth, SKETCH_RSE);
            worst[2] = OutputAgreement.dauWithinBound(duckOut, "DuckDB", truth, DuckDbBackfill.RSE);
        }
        String userDaily = String.format(Locale.ROOT, "user_daily: %,d rows", rows);
        lake.check(userDaily + dau(worst[0], SKETCH_RSE));
        sparkTime.check(userDaily + " = Lakestream's" + dau(worst[1], SKETCH_RSE));
        duckTime.check(userDaily + " = Lakestream's" + dau(worst[2], DuckDbBackfill.RSE));
        context.earlier().put(LakeBackfillResult.class, new LakeBackfillResult(lake, lakeOut));
        return section(
                List.of(lake, sparkTime, duckTime),
                truth,
                spark,
                profile.markdown(
                        "Where Lakestream's backfill spends its time",
                        "Lakestream backfill",
                        work.resolve("backfill.jfr")),
                context);
    }

    private static String dau(double worst, double rse) {
        return String.format(
                Locale.ROOT,
                "; dau: exact = the events', estimate off by ≤ %.2f %% (bound %d × %.2f %%)",
                100 * worst,
                OutputAgreement.SIGMAS,
                100 * rse);
    }

    private static ReportSection section(
            List<Timing> t,
            OutputAgreement.Truth truth,
            SparkPeer spark,
            String profile,
            BenchContext context)
            throws IOException {
        Timing lake = t.get(0);
        double sparkRatio = t.get(1).medianSeconds() / lake.medianSeconds();
        double duckRatio = lake.medianSeconds() / t.get(2).medianSeconds();
        StringBuilder md = new StringBuilder("## 2. Backfill from the lake\n\n");
        md.append(
                        String.format(
                                Locale.ROOT,
                                "The lake's `events` (%,d events over %d dates, written by one"
                                        + " Lakestream ingest of the topic) → `user_daily` + `dau`,"
                                        + " Snappy Parquet partitioned by `date=`. ",
                                truth.events(),
                                truth.dau().size()))
                .append("Lakestream runs `run --pipelines user_daily,dau --mode backfill --source")
                .append(" lake --from --to` in BATCH mode at parallelism 2; its planning and")
                .append(" MiniCluster start are in its time. Spark SQL runs on `local[2]` in a")
                .append(" child JVM whose start and SparkSession start are in its time (flags: `")
                .append(String.join(" ", spark.jvmFlags()))
                .append("`). DuckDB runs in process with 2 threads, one `COPY ... TO (FORMAT")
                .append(" PARQUET, PARTITION_BY (date))` per table. Spark's `dau` sketch is its")
                .append(" `hll_sketch_agg` (DataSketches HLL, lgK 14, as Lakestream's); DuckDB has")
                .append(" no sketch column to write (`hll_sketch` null) and its")
                .append(" `approx_count_distinct` is a coarser HyperLogLog (64 registers); its")
                .append(" Parquet timestamps are in microseconds, Lakestream's and Spark's in")
                .append(" milliseconds. Each run writes to a")
                .append(" fresh folder; Lakestream's lake gets the input `events` as hard links")
                .append(" (a lake backfill reads the lake it writes), outside the timing.\n\n");
        md.append("| contender | events | seconds (median, min–max) | events/s | output check |\n");
        md.append("|---|---:|---|---:|---|\n");
        for (Timing x : t) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.1f (%.1f–%.1f) | %,.0f | %s |%n",
                            x.contender(),
                            x.events(),
                            x.medianSeconds(),
                            x.minSeconds(),
                            x.maxSeconds(),
                            x.rate(),
                            x.check()));
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nSpark ÷ Lakestream time: %.2f (target ≥ 1.5). Lakestream ÷ DuckDB"
                                + " time: %.2f (target ≤ 3).%n%n",
                        sparkRatio,
                        duckRatio));
        md.append(
                Charts.bars(
                        context.charts().resolve("backfill.png"),
                        "Backfill from the lake: seconds (median of " + lake.runs() + " runs)",
                        "seconds",
                        List.of("Lakestream", "Spark", "DuckDB"),
                        t.stream().map(Timing::medianSeconds).toList(),
                        context.chartLink()));
        md.append(profile)
                .append("BATCH mode runs the stages one after another (each shuffle is blocking),")
                .append(" and sorts the input of each keyed stage: by `event_id` for the dedup,")
                .append(" by user for `user_daily` and `dau`, which share one stage")
                .append(" ([ADR 0025](decisions/0025-one-sort-by-user.md)). The `SortMerger`")
                .append(" threads sort, spill and merge beside the task threads.\n\n");
        return new ReportSection(
                md.toString(),
                List.of(
                        String.format(
                                Locale.ROOT,
                                "Backfill from the lake: %.1f s, %,.0f events/s; Spark takes %.2f×"
                                        + " Lakestream's time (target ≥ 1.5), Lakestream %.2f×"
                                        + " DuckDB's (target ≤ 3)",
                                lake.medianSeconds(),
                                lake.rate(),
                                sparkRatio,
                                duckRatio)));
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
