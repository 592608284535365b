package io.lakestream.bench.backfill;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.Charts;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Timing;
import io.lakestream.bench.Workload;
import io.lakestream.bench.ingest.IngestWorkload;
import io.lakestream.bench.ingest.KafkaReadPeer;
import io.lakestream.connectors.kafka.ReplayPlan;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Workload 3, the backfill replayed from Kafka: {@code user_daily} and {@code dau} of the bench
 * topic's dates, read from the topic over their ingestion window ({@code --source kafka}), against
 * the same tables backfilled from the lake (workload 2's Lakestream contender), Kafka's bare read
 * of the topic and, in a full bench ({@code --full}), Spark SQL reading the same offsets with its
 * Kafka source ({@link SparkPeer#replay}: validation, dedup and the tables in SQL, on {@code
 * local[2]} in a child JVM), alternating, {@code runs} times each. Results of the workloads run
 * before it in the same bench are reused rather than measured again: workload 2's lake backfill
 * (timings and output) and workload 1's read limit; what did not run before runs here, alternating
 * with the others. Every replay's {@code user_daily} must equal the lake backfill's and its {@code
 * dau} stay within the sketch's bound of the exact count, or the workload fails. Spark's offsets
 * are planned as Lakestream's, in its time, and must be the same.
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
        boolean withSpark = context.full();
        SparkPeer spark = SparkPeer.ofBench();
        if (withSpark) {
            spark.classpath(); // builds the peer before the first timed run
        }

        Optional<IngestWorkload.ReadLimit> earlierRead =
                context.earlier().get(IngestWorkload.ReadLimit.class);
        Timing read =
                earlierRead
                        .map(IngestWorkload.ReadLimit::timing)
                        .orElseGet(() -> new Timing("Kafka consumer, read only (1 thread)"));
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
            long t0;
            if (earlierRead.isEmpty()) {
                t0 = System.nanoTime();
                long records = new KafkaReadPeer(context.bootstrap(), context.topic().name()).run();
                read.add(records, BackfillWorkload.seconds(t0));
                log.printf(
                        "replay run %d/%d: read limit %,d records in %.1f s%n",
                        run, context.runs(), records, BackfillWorkload.seconds(t0));
            }

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

            Path sparkOut = null;
            Map<String, Long> sparkRows = Map.of();
            if (withSpark) {
                sparkOut = BenchFiles.clean(work.resolve("spark-out"));
                t0 = System.nanoTime();
                // planned as Lakestream's replay plans, in Spark's time as in Lakestream's
                ReplayPlan plan =
                        lakestream.plan(SourceKind.KAFKA, sparkOut, "bench-replay-spark-" + run)
                                .replay;
                sparkRows = spark.replay(context.bootstrap(), plan, sparkOut, from, to);
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
            worst =
                    OutputAgreement.dauWithinBound(
                            replayOut, "the Kafka replay", truth, BackfillWorkload.SKETCH_RSE);
            if (withSpark) {
                OutputAgreement.sameUserDaily(
                        lakeOut, "the lake backfill", sparkOut, "Spark's Kafka replay");
                if (sparkRows.getOrDefault("user_daily", -1L) != rows) {
                    throw new IllegalStateException(
                            "Spark reported "
                                    + sparkRows
                                    + ", its user_daily has "
                                    + rows
                                    + " rows");
                }
                sparkWorst =
                        OutputAgreement.dauWithinBound(
                                sparkOut,
                                "Spark's Kafka replay",
                                truth,
                                BackfillWorkload.SKETCH_RSE);
            }
        }
        if (earlierRead.isEmpty()) {
            read.check("records = the topic's");
        }
        replay.check(check(rows, worst));
        if (earlier.isEmpty()) {
            lake.check("the reference: workload 2's Lakestream contender, run here");
        }
        List<Timing> timings = new ArrayList<>(List.of(read, replay));
        if (withSpark) {
            sparkTime.check(check(rows, sparkWorst));
            timings.add(sparkTime);
        }
        timings.add(lake);
        return section(
                timings,
                withSpark ? sparkTime : null,
                earlier.isPresent(),
                earlierRead.isPresent(),
                spark,
                context);
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
            List<Timing> t,
            Timing sparkTime,
            boolean lakeFromWorkload2,
            boolean readFromWorkload1,
            SparkPeer spark,
            BenchContext context)
            throws IOException {
        Timing read = t.get(0);
        Timing replay = t.get(1);
        Timing lake = t.get(t.size() - 1);
        StringBuilder md = new StringBuilder("## 3. Backfill replayed from Kafka\n\n");
        md.append("The same `user_daily` + `dau` of the topic's dates, read from Kafka:")
                .append(" `run --pipelines user_daily,dau --mode backfill --source kafka --from")
                .append(" --to` replays the offsets of the dates' ingestion window (planned up")
                .append(" front, planning in its time), decodes, validates and deduplicates them")
                .append(" as the ingest does, in BATCH mode at parallelism 2.");
        if (sparkTime != null) {
            md.append(" Spark SQL reads the")
                    .append(" same offsets with its Kafka source (`startingOffsets` /")
                    .append(" `endingOffsets` from the same planning, done in the bench JVM within")
                    .append(" Spark's time, and checked to be Lakestream's), validates each record")
                    .append(" against the data contract in SQL (`is_valid_utf8`, strict")
                    .append(" `from_json` with the contract's schema, string fields checked to be")
                    .append(" JSON strings, the decoder's value rules), keeps the dates' events,")
                    .append(" drops duplicate `event_id`s, caches them and writes both tables with")
                    .append(" workload 2's SQL, on `local[2]` in a child JVM whose start and")
                    .append(" SparkSession start are in its time (flags: `")
                    .append(String.join(" ", spark.jvmFlags()))
                    .append("`).");
        }
        md.append(" Against ")
                .append(sparkTime != null ? "them" : "it")
                .append(": the same backfill from the lake (workload 2's Lakestream contender")
                .append(
                        lakeFromWorkload2
                                ? "; its runs of workload 2, not run again"
                                : ", run here alternating with the others")
                .append(") and Kafka's consumer reading the whole topic, the read limit")
                .append(readFromWorkload1 ? " (workload 1's runs, not run again)" : "")
                .append(".");
        if (sparkTime == null) {
            md.append(" Spark SQL's Kafka replay is a contender of the full bench (`--full`).");
        }
        md.append("\n\n");
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
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nThe replay takes %.2f× the lake backfill's time; its records/s are"
                                + " %.2f× Kafka's bare read.",
                        vsLake,
                        vsRead));
        String summary =
                String.format(
                        Locale.ROOT,
                        "Backfill from Kafka: %.1f s, %,.0f records/s; %.2f× the lake backfill's"
                                + " time, %.2f× Kafka's bare read rate",
                        replay.medianSeconds(),
                        replay.rate(),
                        vsLake,
                        vsRead);
        List<String> labels = new ArrayList<>(List.of("Kafka read only", "Lakestream from Kafka"));
        if (sparkTime != null) {
            double sparkRatio = sparkTime.medianSeconds() / replay.medianSeconds();
            md.append(
                    String.format(
                            Locale.ROOT,
                            " Spark's replay ÷ Lakestream's replay time: %.2f.",
                            sparkRatio));
            summary +=
                    String.format(Locale.ROOT, "; Spark's replay takes %.2f× its time", sparkRatio);
            labels.add("Spark from Kafka");
        }
        labels.add("Lakestream from lake");
        md.append("\n\n");
        md.append(
                Charts.bars(
                        context.charts().resolve("replay.png"),
                        "Backfill from Kafka: seconds (median of " + replay.runs() + " runs)",
                        "seconds",
                        labels,
                        t.stream().map(Timing::medianSeconds).toList(),
                        context.chartLink()));
        return new ReportSection(md.toString(), List.of(summary));
    }
}
