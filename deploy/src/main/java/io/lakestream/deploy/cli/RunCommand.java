package io.lakestream.deploy.cli;

import io.lakestream.connectors.kafka.KafkaUnavailableException;
import io.lakestream.connectors.lake.source.LakeScanException;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.pipelines.Pipelines;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lakestream run}: one pipeline definition, run as a stream or as a backfill. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs pipelines as a stream (Kafka, unbounded or --until latest) or as a backfill of"
                    + " dates [--from, --to] (Kafka replay or the lake, BATCH mode, partitions"
                    + " replaced atomically), on an embedded Flink MiniCluster."
        },
        sortOptions = false)
public final class RunCommand implements Callable<Integer> {

    @Option(
            names = "--pipelines",
            required = true,
            split = ",",
            description = "Comma-separated: ingest, user_daily, dau, top_items.")
    String[] pipelines;

    @Option(names = "--mode", required = true, description = "stream or backfill.")
    String mode;

    @Option(names = "--lake", required = true, description = "Lake root folder.")
    Path lake;

    @Mixin KafkaReadOptions kafka;

    @Option(names = "--from", description = "First date of a backfill (YYYY-MM-DD, UTC).")
    LocalDate from;

    @Option(names = "--to", description = "Last date of a backfill, inclusive.")
    LocalDate to;

    @Option(
            names = "--source",
            defaultValue = "kafka",
            description =
                    "Where a backfill reads: kafka (the topic, replayed over the dates), lake"
                            + " (the lake's events and _late_events partitions of the dates,"
                            + " only those folders), or lake+kafka (the lake, then the topic from"
                            + " where the lake's contiguous hours end, for when Kafka's retention"
                            + " has expired). Lake sources rebuild derived tables, not events."
                            + " Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(
            names = "--until",
            description = "'latest': stop a stream at the end offsets seen at start.")
    String until;

    @Option(
            names = "--dedup-ids-per-day",
            defaultValue = "4000000",
            description =
                    "Distinct event ids per day that a stream's dedup Bloom filters are sized for"
                            + " (1 %% false positives; 1.2 MB of filter per million ids and open"
                            + " date). More ids never drop an event, they cost state reads; 0"
                            + " turns the filters off. Default: ${DEFAULT-VALUE}.")
    long dedupIdsPerDay;

    @Option(
            names = "--compact-on-publish",
            arity = "0..1",
            fallbackValue = "128MB",
            paramLabel = "SIZE",
            description =
                    "Compact each partition of the tables not starting with _ right after it is"
                            + " published, into canonical files of about SIZE (default 128MB when"
                            + " given without one), as `compact` would; delays the next publish.")
    String compactOnPublish;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "PT10S",
            description = "Stream checkpoint interval (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Mixin LocalRunOptions local;

    @Override
    public Integer call() throws Exception {
        RunSpec spec = spec();
        local.check();
        try {
            spec = LocalRun.plan(spec, Duration.ofSeconds(15));
        } catch (KafkaUnavailableException | LakeScanException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read the lake " + lake + ": " + e.getMessage(), e);
        }
        if (spec.eventsScan != null) {
            System.out.println("Reading the lake: " + spec.eventsScan.summary());
            spec.eventsScan.messages().forEach(m -> System.out.println("  note: " + m));
        }
        System.out.printf(
                "Run %s: %s of %s into %s%s%n",
                spec.runId,
                spec.mode.label(),
                String.join(",", spec.pipelines),
                lake,
                spec.replay == null ? "" : " (replaying " + spec.replay.records() + " records)");
        if (local.webUiPort > 0) {
            System.out.println("Flink web UI: http://localhost:" + local.webUiPort);
        }
        LocalRun.RunResult result;
        try {
            result =
                    new LocalRun(
                                    local.parallelism,
                                    checkpointInterval,
                                    local.stateDir,
                                    local.webUiPort)
                            .execute(spec);
        } catch (Exception e) {
            throw Failures.jobFailed(e);
        }
        System.out.printf(
                "Run %s finished in %.1f s: %s%nPartitions published at the end: %s%n",
                spec.runId,
                result.millis() / 1000.0,
                result.describeCounts(),
                result.finalisedPartitions());
        return 0;
    }

    RunSpec spec() {
        RunMode runMode = parseMode(mode);
        if (until != null && !"latest".equals(until)) {
            throw new UserError("--until takes 'latest', was '" + until + "'");
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new UserError(
                    "--checkpoint-interval must be at least 10 ms (Flink's minimum), was "
                            + checkpointInterval);
        }
        if ((from == null) != (to == null)) {
            throw new UserError("--from and --to go together: give both, or neither");
        }
        try {
            Pipelines.parse(String.join(",", pipelines));
            return RunSpec.builder()
                    .mode(runMode)
                    .lake(lake.toAbsolutePath().toString())
                    .bootstrap(kafka.bootstrap)
                    .topic(kafka.topic)
                    .pipelines(Arrays.asList(pipelines))
                    .range(from, to)
                    .maxDelay(kafka.maxDelay)
                    .lookback(kafka.lookback)
                    .untilLatest(until != null)
                    .source(SourceKind.parse(source))
                    .dedupIdsPerDay(dedupIdsPerDay)
                    .compactOnPublish(
                            compactOnPublish == null
                                    ? 0
                                    : CompactCommand.parseSize(
                                            "--compact-on-publish", compactOnPublish))
                    .runId(newRunId(runMode))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    static RunMode parseMode(String mode) {
        try {
            return RunMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--mode must be stream or backfill, was '" + mode + "'");
        }
    }

    static String newRunId(RunMode mode) {
        String time =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        return mode.label() + "-" + time + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
