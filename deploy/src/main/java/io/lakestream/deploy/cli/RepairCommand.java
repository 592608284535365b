package io.lakestream.deploy.cli;

import io.lakestream.connectors.kafka.KafkaUnavailableException;
import io.lakestream.connectors.lake.quality.Expectations;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.repair.Restatement;
import io.lakestream.connectors.lake.source.LakeScanException;
import io.lakestream.deploy.repair.Repair;
import io.lakestream.job.KafkaOptions;
import io.lakestream.job.KeyStoreOption;
import io.lakestream.job.config.ConfigDefaults;
import io.lakestream.job.config.ConfigOption;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lakestream repair}: restates exactly the partitions that the late events recorded in
 * {@code _late_events} change (docs/decisions/0009). The work is done by {@link Repair}.
 */
@Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = ConfigDefaults.class,
        description = {
            "Folds the late events recorded in _late_events into the lake: backfills their dates"
                    + " into <lake>/.repair/<run>/, then replaces only the partitions whose"
                    + " content differs (new version in _MANIFEST.json, with what it replaced);"
                    + " every other partition keeps its files. Dates already repaired (their"
                    + " _REPAIRED.json matches the late events) are skipped; an interrupted repair"
                    + " is completed by running repair again.",
            "Exit code: 0 nothing to restate, 3 partitions were restated (with --dry-run: would"
                    + " be), 2 a usage error or a fail-job expectation stopped it (nothing"
                    + " restated), 1 a failure."
        })
public final class RepairCommand implements Callable<Integer> {

    /** Exit code when partitions were (or, dry, would be) restated. */
    public static final int RESTATED = 3;

    @Mixin ConfigOption config;

    @Option(names = "--lake", required = true, paramLabel = "DIR", description = "Lake root.")
    String lake;

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description = "Only late events of this date and later (YYYY-MM-DD); default all.")
    String since;

    @Option(
            names = "--dry-run",
            description =
                    "Run the backfill aside and print what would be restated; change nothing.")
    boolean dryRun;

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--source",
            defaultValue = "kafka",
            description =
                    "Where the repair's backfill reads: kafka (default; restates every table),"
                            + " lake or lake+kafka (restate the derived tables only: events"
                            + " cannot be rebuilt from itself).")
    String source;

    @Mixin LocalRunOptions local;

    @Option(
            names = "--key-store",
            paramLabel = "FILE|JDBC-URL",
            description =
                    "The key store of the runs that wrote a pseudonymized lake: the restated"
                            + " partitions are pseudonymized with the same keys. Default: off.")
    String keyStore;

    @Option(
            names = "--expectations",
            paramLabel = "DIR",
            description =
                    "The data-quality rules of the runs (as run --expectations): the restated"
                            + " partitions are checked before anything is replaced; a fail-job"
                            + " breach stops the repair with the lake unchanged, a"
                            + " quarantine-partition failure restates the partition as"
                            + " quarantined. Default: no rules.")
    Path expectations;

    /** Where tests inject a crash; the command line never sets it. */
    Restatement.Hook hook = Restatement.Hook.NONE;

    @Override
    public Integer call() {
        SourceKind kind;
        try {
            kind = SourceKind.parse(source);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        LocalDate first = null;
        if (since != null) {
            try {
                first = LocalDate.parse(since);
            } catch (DateTimeParseException e) {
                throw new UserError("--since " + since + " is not a date: use YYYY-MM-DD");
            }
        }
        try {
            if (!LakeReader.of(lake).exists()) {
                throw new UserError("--lake " + lake + ": no such directory");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("--lake " + lake + ": cannot open it: " + e.getMessage(), e);
        }
        local.check();
        io.lakestream.connectors.kafka.KafkaClientSecurity security;
        try {
            security = kafka.security();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Repair.Options options =
                new Repair.Options(
                        lake,
                        first,
                        dryRun,
                        kafka.bootstrap,
                        kafka.topic,
                        kind,
                        kafka.maxDelay,
                        kafka.lookback,
                        local.parallelism,
                        local.stateDir,
                        local.webUiPort,
                        Duration.ofSeconds(15),
                        security);
        try {
            return new Repair(options, hook, System.out)
                    .withKeyStore(KeyStoreOption.resolve(keyStore, Path.of(lake)))
                    .withExpectations(
                            expectations == null
                                    ? Expectations.none()
                                    : Expectations.load(expectations))
                    .run()
                    .exitCode();
        } catch (KafkaUnavailableException | LakeScanException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (Exception e) {
            UserError cause = UserError.find(e);
            if (cause != null) {
                throw cause;
            }
            QualityBreachException breach = QualityBreachException.find(e);
            if (breach != null) {
                // nothing was restated: the breach stopped the backfill before its swap
                throw new UserError(breach.getMessage(), e);
            }
            System.err.println(
                    "lakestream: repair failed: "
                            + Failures.jobFailed(e).getMessage()
                            + "; run repair again to complete or retry it");
            return 1;
        }
    }
}
