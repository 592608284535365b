package io.lakestream.deploy.cli;

import io.lakestream.deploy.progress.BackfillProgress;
import io.lakestream.deploy.progress.ProgressMode;
import io.lakestream.deploy.progress.ProgressReporter;
import io.lakestream.deploy.progress.ProgressSink;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a Kafka backfill shows its progress: shared by run and submit. */
final class ProgressOptions {

    @Option(
            names = "--progress",
            defaultValue = "auto",
            paramLabel = "auto|bar|lines|none",
            description =
                    "Progress of a Kafka backfill (offsets read of those planned, per partition,"
                            + " rate, ETA): a bar redrawn in place, periodic lines, or none;"
                            + " auto: a bar on a terminal, lines otherwise (default"
                            + " ${DEFAULT-VALUE}).")
    String progress;

    @Option(
            names = "--progress-every",
            defaultValue = "PT10S",
            paramLabel = "DURATION",
            description = "How often a progress line is printed (default ${DEFAULT-VALUE}).")
    Duration every;

    /** The mode, checked; {@link UserError} if it is not one. */
    ProgressMode mode() {
        try {
            return ProgressMode.parse(progress);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Whether {@code spec} gets progress: a backfill replaying Kafka, unless {@code none}. */
    boolean wanted(RunSpec spec) {
        return mode() != ProgressMode.NONE
                && spec.mode == RunMode.BACKFILL
                && spec.source == SourceKind.KAFKA
                && spec.replay != null;
    }

    /**
     * Starts showing the progress of job {@code jobId} on stdout, if {@code spec} gets it. Never
     * fails the run: a reporter that cannot start is no reporter.
     */
    Optional<ProgressReporter> start(RunSpec spec, String restUrl, String jobId) {
        if (!wanted(spec)) {
            return Optional.empty();
        }
        try {
            boolean bar = mode().resolve(System.console() != null) == ProgressMode.BAR;
            PrintStream out = System.out;
            Duration interval =
                    bar ? Duration.ofSeconds(1) : (every.isNegative() ? Duration.ZERO : every);
            return Optional.of(
                    ProgressReporter.start(
                            new BackfillProgress(spec.replay),
                            restUrl,
                            jobId,
                            bar ? ProgressSink.bar(out) : ProgressSink.lines(out),
                            bar,
                            interval));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
