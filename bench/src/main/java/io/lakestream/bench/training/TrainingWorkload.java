package io.lakestream.bench.training;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.Charts;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Timing;
import io.lakestream.bench.Workload;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeStats;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.skew.SubtaskLoad;
import io.lakestream.pipelines.training.ClickLabeler;
import io.lakestream.pipelines.training.DayActivityPartials;
import io.lakestream.pipelines.training.PriorDaysActivity;
import io.lakestream.pipelines.training.ProfileAsOf;
import io.lakestream.pipelines.training.TrainingExamplesPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.flink.util.FileUtils;

/**
 * The {@code training_examples} pipeline (issue: the weekly training set): its throughput as a
 * backfill (BATCH, 2 subtasks, from Kafka, every day of its topic), and the records per subtask of
 * its keyed stages in a stream on {@link #SKEW_PARALLELISM} subtasks with {@code --salting off} and
 * {@code auto}, on data whose hot user holds 10 % of the events. Every run must write one row per
 * impression of the generator's ground truth, or the workload fails.
 *
 * <p>The skew runs are streams ({@code --until latest}) because a stream runs every stage on the
 * parallelism it is given; a backfill lets Flink's adaptive batch scheduler size each stage by its
 * input. At 16 subtasks the mean share of a subtask (6.25 %) is below the hot user's 10 %; at 2
 * subtasks no key can make a subtask exceed twice the mean.
 */
public final class TrainingWorkload implements Workload {

    static final int SKEW_PARALLELISM = 16;
    static final int BATCH_PARALLELISM = 2;

    private static final List<String> STAGES =
            List.of(
                    ClickLabeler.STAGE,
                    DayActivityPartials.STAGE,
                    ProfileAsOf.STAGE,
                    PriorDaysActivity.STAGE);

    @Override
    public String name() {
        return "training";
    }

    @Override
    public ReportSection run(BenchContext context) throws Exception {
        TrainingData data =
                TrainingData.ensure(context.bootstrap(), context.data(), context.work());
        LocalDate from = data.config().start();
        LocalDate to = from.plusDays(data.config().days() - 1);
        context.log()
                .printf(
                        "training: topic %s, users %s; expected %,d rows%n",
                        data.events().name(), data.usersTopic(), data.impressions());

        Timing batch = new Timing("training_examples backfill, " + BATCH_PARALLELISM + " subtasks");
        for (int i = 0; i < context.runs(); i++) {
            RunSpec spec =
                    plan(context, data, fresh(context, "training-backfill"))
                            .mode(RunMode.BACKFILL)
                            .range(from, to)
                            .runId("bench-training-backfill-" + i)
                            .build();
            spec = RunPlanner.plan(spec, Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            new LocalRun(
                            BATCH_PARALLELISM,
                            Duration.ofSeconds(10),
                            fresh(context, "training-state"),
                            0)
                    .execute(spec);
            double seconds = (System.nanoTime() - t0) / 1e9;
            checkRows(spec, data, "backfill");
            batch.add(spec.replay.records(), seconds);
            context.log()
                    .printf(
                            "training: backfill %d: %,d records in %.1f s%n",
                            i + 1, spec.replay.records(), seconds);
        }

        Map<String, Map<String, long[]>> loads = new LinkedHashMap<>();
        for (boolean salting : new boolean[] {false, true}) {
            String label = salting ? "auto" : "off";
            RunSpec spec =
                    RunPlanner.plan(
                            plan(context, data, fresh(context, "training-stream-" + label))
                                    .mode(RunMode.STREAM)
                                    .untilLatest(true)
                                    .saltHotKeys(salting)
                                    .runId("bench-training-stream-" + label)
                                    // a stream resumes from its group's offsets: a fresh group
                                    .groupId(
                                            "bench-training-"
                                                    + label
                                                    + "-"
                                                    + System.currentTimeMillis())
                                    .build(),
                            Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            JobRunner.RunResult result =
                    new LocalRun(
                                    SKEW_PARALLELISM,
                                    Duration.ofSeconds(10),
                                    fresh(context, "training-state"),
                                    0)
                            .execute(spec);
            checkRows(spec, data, "stream with salting " + label);
            loads.put(label, result.loadPerSubtask());
            context.log()
                    .printf(
                            "training: stream, salting %s, %d subtasks: %.1f s%n",
                            label, SKEW_PARALLELISM, (System.nanoTime() - t0) / 1e9);
            STAGES.forEach(
                    s ->
                            context.log()
                                    .println(
                                            JobRunner.RunResult.describeLoad(
                                                    s, result.loadPerSubtask().get(s))));
        }
        return report(context, data, batch, loads);
    }

    private static RunSpec.Builder plan(BenchContext context, TrainingData data, Path lake) {
        return RunSpec.builder()
                .lake(lake.toAbsolutePath().toString())
                .bootstrap(context.bootstrap())
                .topic(data.events().name())
                .usersTopic(data.usersTopic())
                .pipelines(List.of(new TrainingExamplesPipeline().name()));
    }

    private static Path fresh(BenchContext context, String name) {
        Path dir = context.dir(name);
        FileUtils.deleteDirectoryQuietly(dir.toFile());
        return dir;
    }

    private static void checkRows(RunSpec spec, TrainingData data, String run) throws Exception {
        long rows =
                new LakeStats(LakeReader.local(Path.of(spec.lake)))
                        .table(new TrainingExamplesPipeline().name(), Integer.MAX_VALUE)
                        .rows();
        if (rows != data.impressions()) {
            throw new IllegalStateException(
                    String.format(
                            "training_examples %s wrote %,d rows; the generator made %,d"
                                    + " impressions",
                            run, rows, data.impressions()));
        }
    }

    private static ReportSection report(
            BenchContext context,
            TrainingData data,
            Timing batch,
            Map<String, Map<String, long[]>> loads)
            throws Exception {
        StringBuilder md =
                new StringBuilder("## training_examples: backfill throughput and skew\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Input: %,d events over %d days (%,d users, %,d items, the hot user u0 with"
                                + " %.0f %% of the events), their `users` changelog; %,d"
                                + " impressions, so %,d rows, checked after every run.%n%n",
                        data.config().events(),
                        data.config().days(),
                        data.config().users(),
                        data.config().items(),
                        data.config().hotUserShare() * 100,
                        data.impressions(),
                        data.impressions()));
        md.append("| run | Kafka records read | median s (min–max) | records/s | runs |\n");
        md.append("|---|---:|---|---:|---:|\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "| `run --pipelines training_examples --mode backfill` (BATCH, %d subtasks,"
                                + " salting auto) | %,d | %.1f (%.1f–%.1f) | %,.0f | %d |%n%n",
                        BATCH_PARALLELISM,
                        batch.events(),
                        batch.medianSeconds(),
                        batch.minSeconds(),
                        batch.maxSeconds(),
                        batch.rate(),
                        batch.runs()));
        md.append(
                String.format(
                        Locale.ROOT,
                        "Records per subtask of the keyed stages, a stream (`--until latest`) on"
                                + " %d subtasks, as the run's summary prints them. Salting"
                                + " spreads the users the heavy-hitter sketch flags; the label"
                                + " stage is keyed by (user, item), which spreads a hot user by"
                                + " itself.%n%n",
                        SKEW_PARALLELISM));
        md.append(
                "| stage | salting off: max / mean (max/mean) | salting auto: max / mean"
                        + " (max/mean) |\n");
        md.append("|---|---|---|\n");
        List<String> summary = new ArrayList<>();
        for (String stage : STAGES) {
            long[] off = loads.get("off").get(stage);
            long[] on = loads.get("auto").get(stage);
            md.append(
                    String.format(
                            Locale.ROOT, "| %s | %s | %s |%n", stage, describe(off), describe(on)));
            summary.add(
                    String.format(
                            Locale.ROOT,
                            "training_examples, %s on %d subtasks: max/mean %.2f with salting"
                                    + " off, %.2f with salting auto",
                            stage,
                            SKEW_PARALLELISM,
                            SubtaskLoad.maxOverMean(off),
                            SubtaskLoad.maxOverMean(on)));
        }
        summary.add(
                String.format(
                        Locale.ROOT,
                        "training_examples backfill (BATCH, %d subtasks): %,.0f records/s",
                        BATCH_PARALLELISM,
                        batch.rate()));
        List<Integer> subtasks = IntStream.range(0, SKEW_PARALLELISM).boxed().toList();
        md.append('\n')
                .append(
                        Charts.lines(
                                context.charts().resolve("training-skew.png"),
                                "training_examples: records per subtask, day-activity stage",
                                "subtask",
                                "records",
                                List.of(
                                        new Charts.Series(
                                                "salting off",
                                                subtasks,
                                                boxed(
                                                        loads.get("off")
                                                                .get(DayActivityPartials.STAGE))),
                                        new Charts.Series(
                                                "salting auto",
                                                subtasks,
                                                boxed(
                                                        loads.get("auto")
                                                                .get(DayActivityPartials.STAGE)))),
                                context.chartLink()))
                .append('\n');
        return new ReportSection(md.toString(), summary);
    }

    private static String describe(long[] perSubtask) {
        long sum = LongStream.of(perSubtask).sum();
        return String.format(
                Locale.ROOT,
                "%,d / %,.0f (%.2f)",
                LongStream.of(perSubtask).max().orElse(0),
                (double) sum / perSubtask.length,
                SubtaskLoad.maxOverMean(perSubtask));
    }

    private static List<Long> boxed(long[] values) {
        return LongStream.of(values).boxed().toList();
    }
}
