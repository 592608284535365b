package io.lakestream.job;

import io.lakestream.connectors.lake.quality.Expectations;
import io.lakestream.job.lineage.LineageConfig;
import io.lakestream.pipelines.Pipelines;
import io.lakestream.pipelines.ingest.QuarantineRateLimit;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import io.lakestream.state.CheckpointSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a run is, wherever it runs: the options of {@code lakestream run} that define the job (not
 * where it executes). The CLI's {@code run} (embedded MiniCluster) and {@link JobMain} (any Flink
 * cluster) parse the same options, so a command line moves between them unchanged.
 */
public final class JobOptions {

    @Option(
            names = "--pipelines",
            required = true,
            split = ",",
            description = "Comma-separated: ingest, user_daily, dau, top_items, training_examples.")
    public String[] pipelines;

    @Option(names = "--mode", required = true, description = "stream or backfill.")
    public String mode;

    @Option(
            names = "--lake",
            required = true,
            description = "Lake root folder (on a cluster: one that every TaskManager sees).")
    public Path lake;

    @Mixin public KafkaOptions kafka;

    @Option(names = "--from", description = "First date of a backfill (YYYY-MM-DD, UTC).")
    public LocalDate from;

    @Option(names = "--to", description = "Last date of a backfill, inclusive.")
    public LocalDate to;

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
    public String source;

    @Option(
            names = "--until",
            description = "'latest': stop a stream at the end offsets seen at start.")
    public String until;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Start a stream from this savepoint (what 'flink stop --savepointPath'"
                            + " printed) or retained checkpoint folder, a path or URI: the upgrade"
                            + " of a running stream. State of an operator this job lacks fails the"
                            + " start (no non-restored state).")
    public String fromSavepoint;

    @Option(
            names = "--dedup-ids-per-day",
            defaultValue = "4000000",
            description =
                    "Distinct event ids per day that a stream's dedup Bloom filters are sized for"
                            + " (1 %% false positives; 1.2 MB of filter per million ids and open"
                            + " date). More ids never drop an event, they cost state reads; 0"
                            + " turns the filters off. Default: ${DEFAULT-VALUE}.")
    public long dedupIdsPerDay;

    @Option(
            names = "--compact-on-publish",
            arity = "0..1",
            fallbackValue = "128MB",
            paramLabel = "SIZE",
            description =
                    "Compact each partition of the tables not starting with _ right after it is"
                            + " published, into canonical files of about SIZE (default 128MB when"
                            + " given without one), as `compact` would; delays the next publish.")
    public String compactOnPublish;

    @Option(
            names = "--idle-timeout",
            defaultValue = "PT1M",
            description =
                    "In a stream, a Kafka partition without records for this long stops holding"
                            + " the watermark back, so that an idle partition does not stall"
                            + " publishing (default ${DEFAULT-VALUE}).")
    public Duration idleTimeout;

    @Option(
            names = "--salting",
            defaultValue = "auto",
            paramLabel = "auto|off",
            description =
                    "auto: stages keyed by user (training_examples) split the users a heavy-hitter"
                            + " sketch flags as hot over salted sub-keys, so no subtask gets a hot"
                            + " user's whole share; off: every user on one subtask, for"
                            + " comparison. The rows are the same. Default: ${DEFAULT-VALUE}.")
    public String salting;

    @Option(
            names = "--key-store",
            paramLabel = "FILE|JDBC-URL",
            description =
                    "Crypto-shredding: replace user_id by HMAC-SHA256(user_id, k_user) with"
                            + " per-user keys from this store (a SQLite file such as"
                            + " .lakestream/keys.db, outside the lake, or"
                            + " jdbc:postgresql://HOST:PORT/DB?user=U); events of users removed"
                            + " by forget-user are dropped. Default: off (user ids as they came).")
    public String keyStore;

    @Option(
            names = "--pseudonym-cache-users",
            defaultValue = "500000",
            paramLabel = "N",
            description =
                    "With --key-store: users whose pseudonyms each task keeps in memory (about 250"
                            + " bytes each, for 10 minutes). A user it cannot hold costs a key"
                            + " store read per event, so size it to the users a task sees in 10"
                            + " minutes (a topic keyed by user_id splits them over the tasks)."
                            + " Default: ${DEFAULT-VALUE}.")
    public int pseudonymCacheUsers;

    @Option(
            names = "--max-quarantine-rate",
            paramLabel = "FRACTION",
            description =
                    "Stop the run when more than this fraction of the last --quarantine-window"
                            + " records of a source reader were quarantined (e.g. 0.05; 0 stops at"
                            + " the first bad record). The error names the topic, partition and"
                            + " offset of the record that crossed the limit; nothing read after"
                            + " the last checkpoint is published. Default: no limit.")
    public Double maxQuarantineRate;

    @Option(
            names = "--quarantine-window",
            defaultValue = "10000",
            paramLabel = "RECORDS",
            description =
                    "The sliding window of --max-quarantine-rate, in records per source reader"
                            + " (default ${DEFAULT-VALUE}).")
    public int quarantineWindow;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "PT10S",
            description = "Stream checkpoint interval (default ${DEFAULT-VALUE}).")
    public Duration checkpointInterval;

    @Option(
            names = "--checkpoint-timeout",
            defaultValue = "PT10M",
            description = "A checkpoint that takes longer is aborted (default ${DEFAULT-VALUE}).")
    public Duration checkpointTimeout;

    @Option(
            names = "--checkpoint-min-pause",
            description =
                    "Minimum time between the end of a checkpoint and the start of the next"
                            + " (default: a quarter of the interval).")
    public Duration checkpointMinPause;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "URI",
            description =
                    "Where a stream's checkpoints go, a URI every node reaches (file:///shared,"
                            + " s3://...); default: <state-dir>/checkpoints for a local run, the"
                            + " cluster's execution.checkpointing.dir on a cluster.")
    public String checkpointDir;

    @Option(
            names = "--expectations",
            paramLabel = "DIR",
            description =
                    "A folder of <table>.yaml data-quality rules: partition rules, checked"
                            + " before each partition is published (a failing partition is warned"
                            + " about, quarantined or stops the run, as each rule says), and"
                            + " record rules in events.yaml, which send a record to _quarantine"
                            + " (see the README, \"Data quality expectations\"). Default: no"
                            + " rules.")
    public Path expectations;

    @Option(
            names = "--lineage-url",
            paramLabel = "URL",
            description =
                    "Also POST the run's OpenLineage events to this endpoint (Marquez:"
                            + " http://HOST:5000/api/v1/lineage). They always go to"
                            + " <lake>/_lineage/events-YYYY-MM-DD.jsonl.")
    public String lineageUrl;

    /**
     * Where the run's lineage goes besides the lake.
     *
     * @throws IllegalArgumentException with a one-line message naming the option, for a mistake
     */
    public LineageConfig lineage() {
        return LineageConfig.of(lineageUrl);
    }

    /**
     * How a stream checkpoints: the interval, timeout and min pause given, the other settings
     * {@link CheckpointSettings#defaults}.
     *
     * @throws IllegalArgumentException with a one-line message naming the option, for a mistake
     */
    public CheckpointSettings checkpoints() {
        if (checkpointTimeout.isZero() || checkpointTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "--checkpoint-timeout must be positive, was " + checkpointTimeout);
        }
        CheckpointSettings settings =
                CheckpointSettings.defaults(checkpointInterval).withTimeout(checkpointTimeout);
        if (checkpointMinPause != null) {
            if (checkpointMinPause.isNegative()) {
                throw new IllegalArgumentException(
                        "--checkpoint-min-pause must not be negative, was " + checkpointMinPause);
            }
            settings = settings.withMinPause(checkpointMinPause);
        }
        return settings;
    }

    /**
     * The run these options describe, not yet planned (see {@link RunPlanner}).
     *
     * @throws IllegalArgumentException with a one-line message naming the option, for a mistake
     */
    public RunSpec spec() {
        RunMode runMode = parseMode(mode);
        if (until != null && !"latest".equals(until)) {
            throw new IllegalArgumentException("--until takes 'latest', was '" + until + "'");
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException(
                    "--checkpoint-interval must be at least 10 ms (Flink's minimum), was "
                            + checkpointInterval);
        }
        checkpoints();
        lineage();
        if (!lake.isAbsolute()
                && lake.getNameCount() > 0
                && lake.getName(0).toString().matches("[A-Za-z][A-Za-z0-9+.-]+:")) {
            // Path.of("s3://bucket/lake") is the relative folder "s3:/bucket/lake": refuse it
            // rather than write the lake to a local folder of that name
            throw new IllegalArgumentException(
                    "--lake must be a folder, not a URI ("
                            + lake.getName(0)
                            + "//...): the lake is read and written through file paths; on a"
                            + " cluster, use a folder every node mounts (see k8s/README.md)");
        }
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException(
                    "--from and --to go together: give both, or neither");
        }
        Pipelines.parse(String.join(",", pipelines));
        restore();
        return RunSpec.builder()
                .mode(runMode)
                .lake(lake.toAbsolutePath().normalize().toString())
                .bootstrap(kafka.bootstrap)
                .kafkaSecurity(kafka.security())
                .topic(kafka.topic)
                .usersTopic(kafka.usersTopic)
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
                                : ByteSize.parse("--compact-on-publish", compactOnPublish))
                .quarantineLimit(quarantineLimit())
                .idleTimeout(idleTimeout)
                .saltHotKeys(saltHotKeys(salting))
                .expectations(
                        expectations == null
                                ? Expectations.none()
                                : Expectations.load(expectations))
                .keyStore(KeyStoreOption.resolve(keyStore, lake))
                .pseudonymCacheUsers(pseudonymCacheUsers)
                .runId(newRunId(runMode))
                .build();
    }

    /**
     * The savepoint of {@code --from-savepoint}, checked, or null when it was not given.
     *
     * @throws IllegalArgumentException with a one-line message, e.g. for a folder with no savepoint
     */
    public SavepointRestore restore() {
        return SavepointRestore.of(fromSavepoint, parseMode(mode));
    }

    /** The limit of {@code --max-quarantine-rate}, off when it is not given. */
    QuarantineRateLimit quarantineLimit() {
        if (maxQuarantineRate == null) {
            return QuarantineRateLimit.off();
        }
        return QuarantineRateLimit.of(maxQuarantineRate, quarantineWindow);
    }

    static boolean saltHotKeys(String salting) {
        return switch (salting) {
            case "auto" -> true;
            case "off" -> false;
            default ->
                    throw new IllegalArgumentException(
                            "--salting must be auto or off, was '" + salting + "'");
        };
    }

    static RunMode parseMode(String mode) {
        try {
            return RunMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--mode must be stream or backfill, was '" + mode + "'");
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
