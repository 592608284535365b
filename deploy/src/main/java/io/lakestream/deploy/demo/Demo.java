package io.lakestream.deploy.demo;

import io.lakestream.connectors.lake.compact.LakeCompactor;
import io.lakestream.connectors.lake.read.LakeComparison;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeStats;
import io.lakestream.connectors.lake.read.LakeVerifier;
import io.lakestream.connectors.lake.read.TableStats;
import io.lakestream.connectors.lake.repair.Restatement;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.PublishSummary;
import io.lakestream.deploy.kafka.KafkaBroker;
import io.lakestream.deploy.lineage.LineageGraph;
import io.lakestream.deploy.lineage.LineageHtml;
import io.lakestream.deploy.lineage.LineageLog;
import io.lakestream.deploy.repair.Repair;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo, step by step: a fresh Kafka broker, generated events, the same pipelines as a stream
 * and as a backfill into two lakes, and a comparison of the two. Everything lives under one folder,
 * wiped at the start, so the demo can be run again and again.
 */
public final class Demo {

    private static final String TOPIC = "events";
    private static final String USERS_TOPIC = "users";
    private static final List<String> PIPELINES =
            List.of("ingest", "user_daily", "dau", "top_items");

    private final Path dir;
    private final int webUiPort;
    private final PrintStream out = System.out;

    public Demo(Path dir, int webUiPort) {
        this.dir = dir.toAbsolutePath();
        this.webUiPort = webUiPort;
    }

    /** Returns whether the two lakes agree, up to the partitions that late events explain. */
    public boolean run(long events, int days, LocalDate start, long seed) throws Exception {
        long t0 = System.nanoTime();
        wipe(dir);
        Files.createDirectories(dir);
        try (KafkaBroker broker = KafkaBroker.at(dir.resolve("kafka")).port(0).start()) {
            step(
                    "Kafka broker running on "
                            + broker.bootstrapServers()
                            + " (KRaft, data in "
                            + dir.resolve("kafka")
                            + ")");
            GeneratorConfig config =
                    GeneratorConfig.builder(events, seed).start(start).days(days).build();
            PublishSummary published =
                    new KafkaEventPublisher(broker.bootstrapServers(), TOPIC).publish(config);
            long versions =
                    new KafkaEventPublisher(broker.bootstrapServers(), USERS_TOPIC)
                            .publishProfiles(config);
            step(
                    String.format(
                            "Generated %,d records (%,d events, %,d duplicates, %,d late, %,d malformed) in %.1f s, %,.0f records/s",
                            published.records().total(),
                            published.records().events(),
                            published.records().duplicates(),
                            published.records().late(),
                            published.records().malformed(),
                            published.seconds(),
                            published.recordsPerSecond()));
            step(String.format("Generated %,d profile versions into '%s'", versions, USERS_TOPIC));

            Path streamLake = dir.resolve("lake-stream");
            Path backfillLake = dir.resolve("lake-backfill");
            LocalDate to = start.plusDays(days - 1);
            if (webUiPort > 0) {
                step("Flink web UI: http://localhost:" + webUiPort + " (while a job runs)");
            }
            LocalRun local =
                    new LocalRun(2, Duration.ofSeconds(10), dir.resolve("state"), webUiPort);
            RunSpec stream =
                    RunSpec.builder()
                            .mode(RunMode.STREAM)
                            .lake(streamLake.toString())
                            .bootstrap(broker.bootstrapServers())
                            .topic(TOPIC)
                            .pipelines(PIPELINES)
                            .untilLatest(true)
                            .runId("demo-stream")
                            .groupId("lakestream-demo")
                            .build();
            step(
                    "Stream run ("
                            + String.join(", ", PIPELINES)
                            + ") --until latest into "
                            + streamLake);
            timed(local.execute(RunPlanner.plan(stream, Duration.ofSeconds(30))));
            RunSpec backfill =
                    RunSpec.builder()
                            .mode(RunMode.BACKFILL)
                            .lake(backfillLake.toString())
                            .bootstrap(broker.bootstrapServers())
                            .topic(TOPIC)
                            .pipelines(PIPELINES)
                            .range(start, to)
                            .runId("demo-backfill")
                            .build();
            step(
                    "Backfill run of "
                            + start
                            + " .. "
                            + to
                            + " (Kafka replay, BATCH) into "
                            + backfillLake);
            timed(local.execute(RunPlanner.plan(backfill, Duration.ofSeconds(30))));

            LakeReader streamReader = LakeReader.local(streamLake);
            LakeReader backfillReader = LakeReader.local(backfillLake);

            List<String> derived = List.of("user_daily", "dau", "top_items");
            List<String> derivedTables = List.of("user_daily", "dau", "dau_country", "top_items");
            Map<String, String> fromKafka = DemoSummary.checksums(backfillReader, derivedTables);
            RunSpec fromLake =
                    RunSpec.builder()
                            .mode(RunMode.BACKFILL)
                            .source(SourceKind.LAKE)
                            .lake(backfillLake.toString())
                            .topic(TOPIC)
                            .pipelines(derived)
                            .range(start, to)
                            .runId("demo-lake-backfill")
                            .build();
            step(
                    "Backfill of "
                            + String.join(", ", derived)
                            + " from the lake's events (--source lake, BATCH) in "
                            + backfillLake);
            timed(local.execute(RunPlanner.plan(fromLake, Duration.ofSeconds(30))));
            Map<String, String> rebuilt = DemoSummary.checksums(backfillReader, derivedTables);
            long same =
                    fromKafka.entrySet().stream()
                            .filter(e -> e.getValue().equals(rebuilt.get(e.getKey())))
                            .count();
            out.printf(
                    "    %,d of %,d partitions rebuilt from the lake equal the Kafka backfill's"
                            + " (checksums)%n",
                    same, fromKafka.size());
            DemoSummary summary = new DemoSummary(out);
            summary.tables("Stream", streamReader);
            summary.tables("Backfill", backfillReader);
            summary.dau("Backfill", backfillReader);
            LakeComparison diff =
                    new LakeVerifier(streamReader).compare(backfillReader, LakeSelection.all());
            Set<String> late = DemoSummary.lateAffected(streamReader);
            summary.comparison(diff, late);
            boolean explained =
                    diff.differences().stream()
                            .allMatch(d -> late.contains(d.table() + " " + d.partition().path()));

            step(
                    "Repair of the stream lake: recompute the dates of its late events aside and"
                            + " restate only the partitions that differ");
            Repair.Result repaired =
                    new Repair(
                                    new Repair.Options(
                                            streamLake.toString(),
                                            null,
                                            false,
                                            broker.bootstrapServers(),
                                            TOPIC,
                                            SourceKind.KAFKA,
                                            stream.maxDelay,
                                            stream.lookback,
                                            2,
                                            dir.resolve("state"),
                                            webUiPort,
                                            Duration.ofSeconds(30)),
                                    Restatement.Hook.NONE,
                                    new PrintStream(OutputStream.nullOutputStream()))
                            .run();
            LakeComparison afterRepair =
                    new LakeVerifier(streamReader).compare(backfillReader, LakeSelection.all());
            out.printf(
                    "    %,d partitions restated (new version, previous checksum kept in the"
                            + " manifest), %,d recomputed identical and left alone; backfill %.1f s,"
                            + " swap %.1f s%n"
                            + "    stream vs backfill now: %,d partitions equal, %,d differ%n",
                    repaired.restated().size(),
                    repaired.unchanged(),
                    repaired.backfillMillis() / 1000.0,
                    repaired.swapMillis() / 1000.0,
                    afterRepair.equalPartitions(),
                    afterRepair.differences().size());

            step("Compaction of the stream lake's events (canonical files, checksums unchanged)");
            TableStats before = new LakeStats(streamReader).table("events", 16);
            new LakeCompactor(streamReader, LakeCompactor.DEFAULT_TARGET_BYTES)
                    .compact("events", start, to);
            TableStats after = new LakeStats(streamReader).table("events", 16);
            LakeComparison afterCompaction =
                    new LakeVerifier(streamReader).compare(backfillReader, LakeSelection.all());
            out.printf(
                    "    events: %,d files in %,d partitions (median %,d bytes) -> %,d files"
                            + " (median %,d bytes); stream vs backfill still %,d equal, %,d"
                            + " differ%n",
                    before.files(),
                    before.partitions(),
                    before.medianFileBytes(),
                    after.files(),
                    after.medianFileBytes(),
                    afterCompaction.equalPartitions(),
                    afterCompaction.differences().size());
            Path trainingLake = dir.resolve("lake-training");
            step(
                    "Training set: backfill of training_examples for "
                            + start
                            + " .. "
                            + to
                            + " (labels, profile as of each impression) into "
                            + trainingLake);
            timed(
                    local.execute(
                            RunPlanner.plan(
                                    backfill.toBuilder()
                                            .lake(trainingLake.toString())
                                            .usersTopic(USERS_TOPIC)
                                            .pipelines(List.of("training_examples"))
                                            .runId("demo-training")
                                            .build(),
                                    Duration.ofSeconds(30))));
            DemoSummary.trainingSet(out, LakeReader.local(trainingLake));
            step("Lineage of the backfill lake (OpenLineage events in its _lineage/)");
            lineagePage(backfillLake, dir.resolve("lineage.html"));
            boolean quality =
                    new QualityDemo(dir, out, local).run(broker.bootstrapServers(), config);
            boolean privacy =
                    new PrivacyDemo(dir, out, local).run(broker.bootstrapServers(), TOPIC, start);
            out.printf(
                    "%nDone in %.0f s. Read the lakes with DuckDB, e.g.:%n"
                            + "  SELECT date, count(*) FROM read_parquet('%s/events/*/*/*.parquet',"
                            + " hive_partitioning=true) GROUP BY date ORDER BY date;%n",
                    (System.nanoTime() - t0) / 1e9, streamLake);
            return explained
                    && quality
                    && privacy
                    && afterRepair.differences().isEmpty()
                    && afterCompaction.differences().isEmpty()
                    && same == fromKafka.size()
                    && rebuilt.size() == fromKafka.size()
                    && diff.leftProblems().isEmpty()
                    && diff.rightProblems().isEmpty();
        }
    }

    /** Draws a lake's lineage; the demo goes on without it if that fails. */
    private void lineagePage(Path lake, Path html) {
        try {
            LineageLog log = LineageLog.read(lake);
            LineageGraph graph = LineageGraph.of(log.events());
            Files.writeString(html, LineageHtml.render(graph, "Lakestream lineage of " + lake));
            out.printf(
                    "    %,d events, %,d nodes: open %s (bin/lakestream lineage --lake DIR --html"
                            + " FILE)%n",
                    log.events().size(), graph.nodes().size(), html.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            out.println("    no lineage page: " + e.getMessage());
        }
    }

    private void step(String message) {
        out.println("==> " + message);
    }

    private void timed(JobRunner.RunResult result) {
        out.printf(
                "    finished in %.1f s: %s%n", result.millis() / 1000.0, result.describeCounts());
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
