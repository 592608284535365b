package io.lakestream.bench.backfill;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.Charts;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Timing;
import io.lakestream.bench.Workload;
import io.lakestream.bench.ingest.KafkaReadPeer;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Workload 3, the backfill replayed from Kafka: {@code user_daily} and {@code dau} of the bench
 * topic's dates, read from the topic over their ingestion window ({@code --source kafka}), against
 * the same tables backfilled from the lake (workload 2's Lakestream contender) and Kafka's bare
 * read of the topic, alternating, {@code runs} times each. When workload 2 ran before in the same
 * bench run, its lake backfill's timings and output are the reference and the lake backfill is not
 * run again; otherwise it is run here, alternating with the others. The replay's {@code user_daily}
 * must equal the lake backfill's and its {@code dau} stay within the sketch's bound of the exact
 * count, or the workload fails. Spark's Kafka reader is not a contender.
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

        Timing read = new Timing("Kafka consumer, read only (1 thread)");
        Timing replay = new Timing("Lakestream backfill, --source kafka (parallelism 2, BATCH)");
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
            long replayed =
                    lakestream.run(SourceKind.KAFKA, replayOut, state, "bench-replay-" + run);
            replay.add(replayed, BackfillWorkload.seconds(t0));
            log.printf(
                    "replay run %d/%d: Lakestream replay of %,d records in %.1f s%n",
                    run, context.runs(), replayed, BackfillWorkload.seconds(t0));

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
        }
        read.check("records = the topic's");
        replay.check(
                String.format(
                        Locale.ROOT,
                        "user_daily: %,d rows = the lake backfill's; dau: exact = the events',"
                                + " estimate off by ≤ %.2f %% (bound %d × %.2f %%)",
                        rows,
                        100 * worst,
                        OutputAgreement.SIGMAS,
                        100 * BackfillWorkload.SKETCH_RSE));
        if (earlier.isEmpty()) {
            lake.check("the reference: workload 2's Lakestream contender, run here");
        }
        return section(List.of(read, replay, lake), earlier.isPresent(), context);
    }

    private static ReportSection section(
            List<Timing> t, boolean lakeFromWorkload2, BenchContext context) throws IOException {
        Timing read = t.get(0);
        Timing replay = t.get(1);
        Timing lake = t.get(2);
        StringBuilder md = new StringBuilder("## 3. Backfill replayed from Kafka\n\n");
        md.append("The same `user_daily` + `dau` of the topic's dates, read from Kafka:")
                .append(" `run --pipelines user_daily,dau --mode backfill --source kafka --from")
                .append(" --to` replays the offsets of the dates' ingestion window (planned up")
                .append(" front, planning in its time), decodes, validates and deduplicates them")
                .append(" as the ingest does, in BATCH mode at parallelism 2. Against it: the same")
                .append(" backfill from the lake (workload 2's Lakestream contender")
                .append(
                        lakeFromWorkload2
                                ? "; its runs of workload 2, not run again"
                                : ", run here alternating with the others")
                .append(") and Kafka's consumer reading the whole topic, the read limit. Spark's")
                .append(" Kafka reader was not measured.\n\n");
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
                                + " %.2f× Kafka's bare read.%n%n",
                        vsLake,
                        vsRead));
        md.append(
                Charts.bars(
                        context.charts().resolve("replay.png"),
                        "Backfill from Kafka: seconds (median of " + replay.runs() + " runs)",
                        "seconds",
                        List.of("Kafka read only", "Lakestream from Kafka", "Lakestream from lake"),
                        t.stream().map(Timing::medianSeconds).toList(),
                        context.chartLink()));
        return new ReportSection(
                md.toString(),
                List.of(
                        String.format(
                                Locale.ROOT,
                                "Backfill from Kafka: %.1f s, %,.0f records/s; %.2f× the lake"
                                        + " backfill's time, %.2f× Kafka's bare read rate",
                                replay.medianSeconds(),
                                replay.rate(),
                                vsLake,
                                vsRead)));
    }
}
