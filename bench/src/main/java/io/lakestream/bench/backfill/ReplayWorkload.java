package io.lakestream.bench.backfill;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.Charts;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Timing;
import io.lakestream.bench.Workload;
import io.lakestream.bench.ingest.KafkaReadPeer;
import io.lakestream.connectors.kafka.ReplayPlan;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Workload 3, the backfill replayed from Kafka: {@code user_daily} and {@code dau} of the bench
 * topic's dates, read from the topic over their ingestion window ({@code --source kafka}), against
 * Spark SQL reading the same offsets with its Kafka source ({@link SparkPeer#replay}: validation,
 * dedup and the tables in SQL, on {@code local[2]} in a child JVM), the same tables backfilled from
 * the lake (workload 2's Lakestream contender) and Kafka's bare read of the topic, alternating,
 * {@code runs} times each. When workload 2 ran before in the same bench run, its lake backfill's
 * timings and output are the reference and the lake backfill is not run again; otherwise it is run
 * here, alternating with the others. Both replays' {@code user_daily} must equal the lake
 * backfill's and their {@code dau} stay within the sketch's bound of the exact count, or the
 * workload fails. Spark's offsets are planned as Lakestream's, in its time, and must be the same.
 */
public final class ReplayWorkload implements Workload {

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public ReportSection run(BenchContext context) throws Exception {
        Path work = context.dir(name());
        PrintStream log = context.log();
        // the lake workload 2 reads: the same ingest of the same topic, shared between them
        Path input = InputLake.ensure(context, context.dir("backfill"));
        LocalDate from = context.data().start();
        LocalDate to = from.plusDays(context.data().days() - 1);
        OutputAgreement.Truth truth = OutputAgreement.truth(input.resolve("events"), from, to);
        LakestreamBackfill lakestream =
                new LakestreamBackfill(context.bootstrap(), context.topic().name(), from, to);
        SparkPeer spark = SparkPeer.ofBench();
        spark.classpath(); // builds the peer before the first timed run

        Timing read = new Timing("Kafka consumer, read only (1 thread)");
        Timing replay = new Timing("Lakestream backfill, --source kafka (parallelism 2, BATCH)");
        Timing sparkTime =
                new Timing(
                        "Spark SQL " + SparkPeer.VERSION + ", Kafka source, local[2], child JVM");
        Optional<LakeBackfillResult> earlier = context.earlier().get(LakeBackfillResult.class);
        Timing lake =
                earlier.map(LakeBackfillResult::timing)
                        .orElseGet(
                                () ->
                                        new Timing(
                                                "Lakestream backfill, --source lake (parallelism"
                                                        + " 2, BATCH)"));
        long rows = 0;
        double worst = 0;
        double sparkWorst = 0;
        for (int run = 1; run <= context.runs(); run++) {
            long t0 = System.nanoTime();
            long records = new KafkaReadPeer(context.bootstrap(), context.topic().name()).run();
            read.add(records, BackfillWorkload.seconds(t0));
            log.printf(
                    "replay run %d/%d: read limit %,d records in %.1f s%n",
                    run, context.runs(), records, BackfillWorkload.seconds(t0));

            Path replayOut = BenchFiles.clean(work.resolve("replay-out"));
            Path state = BenchFiles.clean(work.resolve("state"));
            t0 = System.nanoTime();
            ReplayPlan replayed =
                    lakestream.run(SourceKind.KAFKA, replayOut, state, "bench-replay-" + run)
                            .replay;
            replay.add(replayed.records(), BackfillWorkload.seconds(t0));
            log.printf(
                    "replay run %d/%d: Lakestream replay of %,d records in %.1f s%n",
                    run, context.runs(), replayed.records(), BackfillWorkload.seconds(t0));

            Path sparkOut = BenchFiles.clean(work.resolve("spark-out"));
            t0 = System.nanoTime();
            // planned as Lakestream's replay plans, in Spark's time as in Lakestream's
            ReplayPlan plan =
                    lakestream.plan(SourceKind.KAFKA, sparkOut, "bench-replay-spark-" + run).replay;
            Map<String, Long> sparkRows =
                    spark.replay(context.bootstrap(), plan, sparkOut, from, to);
            sparkTime.add(plan.records(), BackfillWorkload.seconds(t0));
            log.printf(
                    "replay run %d/%d: Spark replay of %,d records in %.1f s%n",
                    run, context.runs(), plan.records(), BackfillWorkload.seconds(t0));
            if (!plan.describe().equals(replayed.describe())) {
                throw new IllegalStateException(
                        "Spark was to replay what Lakestream replayed, "
                                + replayed.describe()
                                + ", but its plan is "
                                + plan.describe());
            }

            Path lakeOut;
            if (earlier.isPresent()) {
                lakeOut = earlier.get().output();
            } else {
                lakeOut = InputLake.fresh(input, work.resolve("lake-out"));
                state = BenchFiles.clean(work.resolve("state"));
                t0 = System.nanoTime();
                lakestream.run(SourceKind.LAKE, lakeOut, state, "bench-replay-lake-" + run);
                lake.add(truth.events(), BackfillWorkload.seconds(t0));
                log.printf(
                        "replay run %d/%d: Lakestream from the lake in %.1f s%n",
                        run, context.runs(), BackfillWorkload.seconds(t0));
                OutputAgreement.dauWithinBound(
                        lakeOut, "the lake backfill", truth, BackfillWorkload.SKETCH_RSE);
            }
            rows =
                    OutputAgreement.sameUserDaily(
                            lakeOut, "the lake backfill", replayOut, "the Kafka replay");
            OutputAgreement.sameUserDaily(
                    lakeOut, "the lake backfill", sparkOut, "Spark's Kafka replay");
            if (sparkRows.getOrDefault("user_daily", -1L) != rows) {
                throw new IllegalStateException(
                        "Spark reported " + sparkRows + ", its user_daily has " + rows + " rows");
            }
            worst =
                    OutputAgreement.dauWithinBound(
                            replayOut, "the Kafka replay", truth, BackfillWorkload.SKETCH_RSE);
            sparkWorst =
                    OutputAgreement.dauWithinBound(
                            sparkOut, "Spark's Kafka replay", truth, BackfillWorkload.SKETCH_RSE);
        }
        read.check("records = the topic's");
        replay.check(check(rows, worst));
        sparkTime.check(check(rows, sparkWorst));
        if (earlier.isEmpty()) {
            lake.check("the reference: workload 2's Lakestream contender, run here");
        }
        return section(List.of(read, replay, sparkTime, lake), earlier.isPresent(), spark, context);
    }

    private static String check(long rows, double worst) {
        return String.format(
                Locale.ROOT,
                "user_daily: %,d rows = the lake backfill's; dau: exact = the events', estimate off"
                        + " by ≤ %.2f %% (bound %d × %.2f %%)",
                rows,
                100 * worst,
                OutputAgreement.SIGMAS,
                100 * BackfillWorkload.SKETCH_RSE);
    }

    private static ReportSection section(
            List<Timing> t, boolean lakeFromWorkload2, SparkPeer spark, BenchContext context)
            throws IOException {
        Timing read = t.get(0);
        Timing replay = t.get(1);
        Timing sparkTime = t.get(2);
        Timing lake = t.get(3);
        StringBuilder md = new StringBuilder("## 3. Backfill replayed from Kafka\n\n");
        md.append("The same `user_daily` + `dau` of the topic's dates, read from Kafka:")
                .append(" `run --pipelines user_daily,dau --mode backfill --source kafka --from")
                .append(" --to` replays the offsets of the dates' ingestion window (planned up")
                .append(" front, planning in its time), decodes, validates and deduplicates them")
                .append(" as the ingest does, in BATCH mode at parallelism 2. Spark SQL reads the")
                .append(" same offsets with its Kafka source (`startingOffsets` / `endingOffsets`")
                .append(" from the same planning, done in the bench JVM within Spark's time, and")
                .append(" checked to be Lakestream's), validates each record against the data")
                .append(" contract in SQL (`is_valid_utf8`, strict `from_json` with the contract's")
                .append(" schema, string fields checked to be JSON strings, the decoder's value")
                .append(" rules), keeps the")
                .append(" dates' events, drops duplicate `event_id`s, caches them and writes both")
                .append(" tables with workload 2's SQL, on `local[2]` in a child JVM whose start")
                .append(" and SparkSession start are in its time (flags: `")
                .append(String.join(" ", spark.jvmFlags()))
                .append("`). Against them: the same backfill from the lake (workload 2's")
                .append(" Lakestream contender")
                .append(
                        lakeFromWorkload2
                                ? "; its runs of workload 2, not run again"
                                : ", run here alternating with the others")
                .append(") and Kafka's consumer reading the whole topic, the read limit.\n\n");
        md.append("| contender | records or events | seconds (median, min–max) | per second |")
                .append(" output check |\n");
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
        double vsLake = replay.medianSeconds() / lake.medianSeconds();
        double vsRead = replay.rate() / read.rate();
        double sparkRatio = sparkTime.medianSeconds() / replay.medianSeconds();
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nThe replay takes %.2f× the lake backfill's time; its records/s are"
                                + " %.2f× Kafka's bare read. Spark's replay ÷ Lakestream's replay"
                                + " time: %.2f.%n%n",
                        vsLake,
                        vsRead,
                        sparkRatio));
        md.append(
                Charts.bars(
                        context.charts().resolve("replay.png"),
                        "Backfill from Kafka: seconds (median of " + replay.runs() + " runs)",
                        "seconds",
                        List.of(
                                "Kafka read only",
                                "Lakestream from Kafka",
                                "Spark from Kafka",
                                "Lakestream from lake"),
                        t.stream().map(Timing::medianSeconds).toList(),
                        context.chartLink()));
        return new ReportSection(
                md.toString(),
                List.of(
                        String.format(
                                Locale.ROOT,
                                "Backfill from Kafka: %.1f s, %,.0f records/s; %.2f× the lake"
                                        + " backfill's time, %.2f× Kafka's bare read rate; Spark's"
                                        + " replay takes %.2f× its time",
                                replay.medianSeconds(),
                                replay.rate(),
                                vsLake,
                                vsRead,
                                sparkRatio)));
    }
}
