package io.lakestream.deploy.cli;

import io.lakestream.connectors.kafka.KafkaUnavailableException;
import io.lakestream.connectors.lake.source.LakeScanException;
import io.lakestream.deploy.progress.ProgressReporter;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobOptions;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.job.SavepointRestore;
import io.lakestream.job.config.ConfigDefaults;
import io.lakestream.job.config.ConfigOption;
import io.lakestream.pipelines.job.RunSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lakestream run}: one pipeline definition, run as a stream or as a backfill. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs pipelines as a stream (Kafka, unbounded or --until latest) or as a backfill of"
                    + " dates [--from, --to] (Kafka replay or the lake, BATCH mode, partitions"
                    + " replaced atomically), on an embedded Flink MiniCluster."
        },
        defaultValueProvider = ConfigDefaults.class,
        sortOptions = false)
public final class RunCommand implements Callable<Integer> {

    @Mixin ConfigOption config;

    @Mixin JobOptions job;

    @Mixin LocalRunOptions local;

    @Mixin ProgressOptions progress;

    @Override
    public Integer call() throws Exception {
        RunSpec spec = spec();
        local.check();
        progress.mode();
        try {
            spec = RunPlanner.plan(spec, Duration.ofSeconds(15));
        } catch (KafkaUnavailableException | LakeScanException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read the lake " + job.lake + ": " + e.getMessage(), e);
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
                spec.lake,
                spec.replay == null ? "" : " (replaying " + spec.replay.records() + " records)");
        if (local.webUiPort > 0) {
            System.out.println("Flink web UI: http://localhost:" + local.webUiPort);
        }
        SavepointRestore restore = restore();
        LocalRun run =
                new LocalRun(
                                local.parallelism,
                                job.checkpoints(),
                                job.checkpointDir,
                                local.stateDir,
                                local.webUiPort)
                        .fromSavepoint(restore)
                        .withLineage(job.lineage());
        if (restore != null) {
            System.out.println("Restoring from " + restore.uri());
        }
        String restUrl = progress.wanted(spec) ? "http://localhost:" + run.restPort() : null;
        JobRunner.RunResult result;
        Optional<ProgressReporter> reporter = Optional.empty();
        try {
            JobRunner.Submitted submitted = run.submit(spec);
            reporter = progress.start(spec, restUrl, submitted.client().getJobID().toString());
            result = submitted.awaitAndFinalise();
            reporter.ifPresent(r -> r.finish(true));
        } catch (Exception e) {
            throw Failures.jobFailed(e, ".lakestream/logs/lakestream.log", restore);
        } finally {
            reporter.ifPresent(ProgressReporter::close);
        }
        System.out.println(result.summary());
        return 0;
    }

    private SavepointRestore restore() {
        try {
            return job.restore();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    RunSpec spec() {
        try {
            return job.spec();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
