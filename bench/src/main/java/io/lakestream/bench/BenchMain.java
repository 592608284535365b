package io.lakestream.bench;

import io.lakestream.bench.backfill.BackfillWorkload;
import io.lakestream.bench.backfill.ReplayWorkload;
import io.lakestream.bench.ingest.IngestWorkload;
import io.lakestream.bench.latency.LatencyWorkload;
import io.lakestream.bench.state.StateWorkload;
import io.lakestream.bench.training.TrainingWorkload;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.kafka.KafkaBroker;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lakestream bench}: the workloads of docs/benchmarks.md, each against the tools users would
 * pick instead, on the same data in the same run, on a broker this command starts. Writes the
 * report; prints progress.
 */
@Command(
        name = "lakestream bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks Lakestream against peers on generated data (a local Kafka broker is"
                        + " started for it) and writes docs/benchmarks.md with its charts in"
                        + " docs/benchmarks/. Workloads: ingest (the ingest ceiling against"
                        + " Kafka's consumer and a hand-written loop; with --full also with"
                        + " pseudonymisation), backfill (user_daily and dau"
                        + " from the lake's events, against Spark SQL and DuckDB), replay (the"
                        + " same tables replayed from Kafka, against the lake backfill and"
                        + " Kafka's bare read; with --full also Spark SQL's Kafka source), state (the dedup + user_daily stream on the heap"
                        + " state backend vs RocksDB: throughput, checkpoints, recovery from a"
                        + " lost TaskManager), latency (produce → visible in the lake at a fixed"
                        + " rate); on request only: training (the training_examples backfill's"
                        + " throughput and its keyed stages' records per subtask with salting off"
                        + " and auto; write it apart with --out docs/benchmarks-training.md, whose charts"
                        + " go to docs/benchmarks-training/).")
public final class BenchMain implements Callable<Integer> {

    /** Events at scale 1. */
    public static final long EVENTS_PER_SCALE = 10_000_000L;

    @Option(
            names = "--scale",
            defaultValue = "1",
            description = "Data size: scale × 10M events (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(
            names = "--runs",
            defaultValue = "3",
            description = "Runs of each contender, alternating (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--dir",
            defaultValue = ".lakestream/bench",
            description = "Working directory: broker data, outputs (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--workloads",
            split = ",",
            description =
                    "The workloads to run, comma-separated, from: ingest, backfill, replay,"
                            + " state, latency, training (default: all but training).")
    List<String> workloads;

    @Option(
            names = "--latency-rate",
            defaultValue = "75000",
            description =
                    "Events/s the latency workload produces: half the ingest ceiling measured on"
                            + " the reference machine (default ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(
            names = "--full",
            description =
                    "Also run the contenders beyond the ones the default compares: Lakestream's"
                            + " ingest with pseudonymisation (its cost) and Spark SQL's Kafka"
                            + " replay: about 14 minutes more than the default's 27 at scale 1 on"
                            + " 2 cores. The report goes to docs/benchmarks-full.md unless --out"
                            + " says otherwise.")
    boolean full;

    @Option(
            names = "--out",
            description =
                    "The report to write, a .md file; its charts go to the folder of its name"
                            + " (default docs/benchmarks.md, charts in docs/benchmarks/; with"
                            + " --full docs/benchmarks-full.md).")
    Path out;

    public static void main(String[] args) {
        System.exit(
                new CommandLine(new BenchMain())
                        .setExecutionExceptionHandler(
                                (e, cmd, parsed) -> {
                                    cmd.getErr().println("lakestream bench: " + e.getMessage());
                                    e.printStackTrace(cmd.getErr());
                                    return 1;
                                })
                        .execute(args));
    }

    /**
     * Workloads run only when named: training's figures (ADR 0020) would add about 8 minutes to the
     * default bench (ADR 0019), and are written to a report of their own.
     */
    static final java.util.Set<String> ON_REQUEST = java.util.Set.of("training");

    /** The workloads a bench runs when none are named: all but those run only on request. */
    static List<String> defaultWorkloads(Map<String, Workload> all) {
        return all.keySet().stream().filter(n -> !ON_REQUEST.contains(n)).toList();
    }

    /** Every workload, in the report's order. */
    static Map<String, Workload> all(double latencyRate) {
        Map<String, Workload> all = new LinkedHashMap<>();
        for (Workload w :
                List.<Workload>of(
                        new IngestWorkload(),
                        new BackfillWorkload(),
                        new ReplayWorkload(),
                        new StateWorkload(),
                        new LatencyWorkload(latencyRate),
                        new TrainingWorkload())) {
            all.put(w.name(), w);
        }
        return all;
    }

    /**
     * "Benchmarks" for the default workloads at scale 1; else what was run, so that a report
     * written apart says what it holds.
     */
    static String title(List<String> workloads, double scale, boolean full) {
        List<String> parts = new ArrayList<>();
        if (full) {
            parts.add("full");
        }
        if (!workloads.equals(defaultWorkloads(all(1)))) {
            parts.add(String.join(", ", workloads));
        }
        if (scale != 1) {
            parts.add("scale " + BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString());
        }
        return parts.isEmpty() ? "Benchmarks" : "Benchmarks: " + String.join(", ", parts);
    }

    @Override
    public Integer call() throws Exception {
        if (!(latencyRate > 0)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--latency-rate must be positive");
        }
        Map<String, Workload> all = all(latencyRate);
        List<Workload> chosen = new ArrayList<>();
        List<String> names = workloads != null ? workloads : defaultWorkloads(all);
        for (String name : names) {
            Workload w = all.get(name.trim());
            if (w == null) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this),
                        "unknown workload '" + name + "'; the workloads are " + all.keySet());
            }
            chosen.add(w);
        }
        if (!(scale > 0) || runs < 1) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--scale must be positive and --runs at least 1");
        }
        if (out == null) {
            out = Path.of(full ? "docs/benchmarks-full.md" : "docs/benchmarks.md");
        }
        if (!out.getFileName().toString().endsWith(".md")) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--out must name a Markdown file (.md); its charts go to the folder of its name");
        }
        long events = Math.round(EVENTS_PER_SCALE * scale);
        GeneratorConfig data =
                GeneratorConfig.builder(events, 2026)
                        .users(1_000_000)
                        .items(100_000)
                        .start(LocalDate.of(2026, 11, 1))
                        .days(3)
                        .lateFraction(0.0)
                        .duplicateFraction(0.01)
                        .malformedFraction(0.001)
                        .partitions(2)
                        .build();
        long t0 = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.at(dir.resolve("kafka")).port(0).start()) {
            TopicSource topic = new TopicSource(broker.bootstrapServers(), data, dir);
            // each report its own chart folder, named as the report (benchmarks.md: benchmarks/),
            // so a report written apart never overwrites another's charts
            String report = out.getFileName().toString();
            Path charts =
                    out.toAbsolutePath()
                            .resolveSibling(report.substring(0, report.length() - ".md".length()));
            BenchContext context =
                    new BenchContext(
                            broker.bootstrapServers(),
                            topic,
                            data,
                            dir,
                            runs,
                            full,
                            charts,
                            charts.getFileName() + "/",
                            System.out,
                            new EarlierResults());
            List<ReportSection> sections = new ArrayList<>();
            for (Workload w : chosen) {
                System.out.println("workload " + w.name() + " ...");
                sections.add(w.run(context));
            }
            new BenchReport(
                            title(chosen.stream().map(Workload::name).toList(), scale, full),
                            data,
                            topic.ifUsed(),
                            runs,
                            sections,
                            (System.nanoTime() - t0) / 1e9)
                    .write(out);
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
