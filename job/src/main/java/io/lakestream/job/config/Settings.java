package io.lakestream.job.config;

import static io.lakestream.job.config.SettingType.DATE;
import static io.lakestream.job.config.SettingType.DURATION;
import static io.lakestream.job.config.SettingType.INTEGER;
import static io.lakestream.job.config.SettingType.LIST;
import static io.lakestream.job.config.SettingType.NUMBER;
import static io.lakestream.job.config.SettingType.PATH;
import static io.lakestream.job.config.SettingType.SIZE;
import static io.lakestream.job.config.SettingType.STRING;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of {@code lakestream.yaml}, in the order of the docs. A setting gives its flag a
 * default in each command that has that flag ({@code run}, {@code submit}, {@code repair}, the job
 * jar's {@code run}); a flag given on the command line wins. Tests keep this list, the options of
 * {@code run}, docs/configuration.md and lakestream.example.yaml in step.
 */
public final class Settings {

    /** All settings; keys and flags are unique. */
    public static final List<Setting> ALL =
            List.of(
                    Setting.of(
                            "pipelines",
                            "--pipelines",
                            LIST,
                            null,
                            "The pipelines to run: ingest, user_daily, dau, top_items, training_examples. Required"
                                    + " (here or as a flag)."),
                    Setting.of(
                            "run.mode",
                            "--mode",
                            STRING,
                            null,
                            "stream or backfill. Required (here or as a flag)."),
                    Setting.of(
                            "run.parallelism",
                            "--parallelism",
                            INTEGER,
                            "2",
                            "Flink parallelism of run and repair (submit: unset means the"
                                    + " cluster's default; the job jar takes flink run -p)."),
                    Setting.of(
                            "run.state-dir",
                            "--state-dir",
                            PATH,
                            ".lakestream",
                            "Local state of run and repair (checkpoints); never inside the lake."),
                    Setting.of(
                            "run.web-ui-port",
                            "--web-ui-port",
                            INTEGER,
                            "8081",
                            "Flink web UI port of run and repair; 0 for none."),
                    Setting.of(
                            "lake.path",
                            "--lake",
                            PATH,
                            null,
                            "The lake's root folder (on a cluster: one every TaskManager sees)."
                                    + " Required (here or as a flag)."),
                    Setting.of(
                            "kafka.bootstrap",
                            "--bootstrap",
                            STRING,
                            "127.0.0.1:9092",
                            "Kafka bootstrap servers."),
                    Setting.of("kafka.topic", "--topic", STRING, "events", "The events topic."),
                    Setting.of(
                            "kafka.users-topic",
                            "--users-topic",
                            STRING,
                            "users",
                            "The users changelog topic (profile versions), read from its"
                                    + " beginning by training_examples."),
                    Setting.of(
                            "kafka.max-delay",
                            "--max-delay",
                            DURATION,
                            "PT10M",
                            "Watermark delay: an event more than this behind the latest event"
                                    + " time seen is late."),
                    Setting.of(
                            "kafka.lookback",
                            "--lookback",
                            DURATION,
                            "P2D",
                            "How long after a date a backfill still reads deliveries."),
                    Setting.of(
                            "kafka.security-protocol",
                            "--kafka-security-protocol",
                            STRING,
                            "PLAINTEXT",
                            "PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL."),
                    Setting.of(
                            "kafka.sasl-mechanism",
                            "--kafka-sasl-mechanism",
                            STRING,
                            "SCRAM-SHA-256",
                            "SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN, for the SASL protocols."),
                    Setting.of(
                            "kafka.username",
                            "--kafka-username",
                            STRING,
                            null,
                            "The SASL username."),
                    Setting.secret(
                            "kafka.password",
                            "--kafka-password",
                            "The SASL password. Only here: the flag is refused on the command"
                                    + " line (shell history); else --kafka-password-file or the"
                                    + " environment variable LAKESTREAM_KAFKA_PASSWORD."),
                    Setting.of(
                            "kafka.password-file",
                            "--kafka-password-file",
                            PATH,
                            null,
                            "A file whose first line is the SASL password (when kafka.password"
                                    + " is not set)."),
                    Setting.of(
                            "kafka.ssl-truststore",
                            "--kafka-ssl-truststore",
                            PATH,
                            null,
                            "Trust store with the brokers' CA, for SSL and SASL_SSL: PKCS12 or"
                                    + " JKS, or PEM certificates (.pem or .crt, no password);"
                                    + " unset: the JVM's default CAs."),
                    Setting.secret(
                            "kafka.ssl-truststore-password",
                            "--kafka-ssl-truststore-password",
                            "The trust store's password. Only here, or the environment variable"
                                    + " LAKESTREAM_KAFKA_TRUSTSTORE_PASSWORD."),
                    Setting.of(
                            "kafka.properties",
                            "--kafka-property",
                            LIST,
                            null,
                            "Extra Kafka client properties as KEY=VALUE, from an allowlist"
                                    + " (ssl.endpoint.identification.algorithm, client.dns.lookup,"
                                    + " client.id, request.timeout.ms, ...); any other key, such as"
                                    + " sasl.jaas.config, is refused."),
                    Setting.of(
                            "backfill.from",
                            "--from",
                            DATE,
                            null,
                            "First date of a backfill (UTC); goes with backfill.to."),
                    Setting.of(
                            "backfill.to",
                            "--to",
                            DATE,
                            null,
                            "Last date of a backfill, inclusive."),
                    Setting.of(
                            "backfill.source",
                            "--source",
                            STRING,
                            "kafka",
                            "Where a backfill (and repair) reads: kafka, lake or lake+kafka."),
                    Setting.of(
                            "stream.until",
                            "--until",
                            STRING,
                            null,
                            "latest: stop a stream at the end offsets seen at start."),
                    Setting.of(
                            "stream.from-savepoint",
                            "--from-savepoint",
                            STRING,
                            null,
                            "Start a stream from this savepoint or retained checkpoint (a folder"
                                    + " or URI), to upgrade it; state the job cannot take fails"
                                    + " the start."),
                    Setting.of(
                            "stream.idle-timeout",
                            "--idle-timeout",
                            DURATION,
                            "PT1M",
                            "A partition without records for this long no longer holds a"
                                    + " stream's watermark back (source idleness)."),
                    Setting.of(
                            "skew.salting",
                            "--salting",
                            STRING,
                            "auto",
                            "auto: stages keyed by user split the users a heavy-hitter sketch"
                                    + " flags as hot over salted sub-keys; off: never (for"
                                    + " comparison; the rows are the same)."),
                    Setting.of(
                            "state.dedup-ids-per-day",
                            "--dedup-ids-per-day",
                            INTEGER,
                            "4000000",
                            "Distinct event ids per day the stream's dedup Bloom filters are"
                                    + " sized for (1.2 MB per million ids and open date); 0 turns"
                                    + " the filters off."),
                    Setting.of(
                            "privacy.key-store",
                            "--key-store",
                            STRING,
                            null,
                            "Crypto-shredding: user_id becomes HMAC-SHA256(user_id, k_user) with"
                                    + " per-user keys from this store, a SQLite file outside the"
                                    + " lake (e.g. .lakestream/keys.db) or"
                                    + " jdbc:postgresql://HOST:PORT/DB?user=U; forget-user"
                                    + " deletes a key. Unset: off."),
                    Setting.of(
                            "privacy.pseudonym-cache-users",
                            "--pseudonym-cache-users",
                            INTEGER,
                            "500000",
                            "Users whose pseudonyms each task keeps in memory (about 250 bytes"
                                    + " each); a user beyond it costs a key store read per event:"
                                    + " size it to the users a task sees in 10 minutes."),
                    Setting.of(
                            "quality.max-quarantine-rate",
                            "--max-quarantine-rate",
                            NUMBER,
                            null,
                            "Stop the run when more than this fraction (0 <= f < 1) of the last"
                                    + " quality.quarantine-window records of a source reader were"
                                    + " quarantined; the error names the record's topic, partition"
                                    + " and offset. Unset: no limit."),
                    Setting.of(
                            "quality.quarantine-window",
                            "--quarantine-window",
                            INTEGER,
                            "10000",
                            "Records per source reader over which"
                                    + " quality.max-quarantine-rate is measured (sliding)."),
                    Setting.of(
                            "quality.expectations-dir",
                            "--expectations",
                            PATH,
                            null,
                            "A folder of <table>.yaml data-quality rules: partition rules"
                                    + " (row count, null fraction, distinct count, mean,"
                                    + " freshness) checked before each partition is published,"
                                    + " record rules (events.yaml) on every record read from"
                                    + " Kafka; unset: no rules."),
                    Setting.of(
                            "compaction.on-publish",
                            "--compact-on-publish",
                            SIZE,
                            null,
                            "Compact each partition (not the _ tables) right after it is"
                                    + " published, into files of about this size; unset: no"
                                    + " compaction in the run."),
                    Setting.of(
                            "checkpoint.interval",
                            "--checkpoint-interval",
                            DURATION,
                            "PT10S",
                            "Time between the starts of two checkpoints of a stream."),
                    Setting.of(
                            "checkpoint.timeout",
                            "--checkpoint-timeout",
                            DURATION,
                            "PT10M",
                            "A checkpoint that takes longer is aborted."),
                    Setting.of(
                            "checkpoint.min-pause",
                            "--checkpoint-min-pause",
                            DURATION,
                            null,
                            "Minimum time between the end of a checkpoint and the start of the"
                                    + " next; unset: a quarter of checkpoint.interval."),
                    Setting.of(
                            "checkpoint.dir",
                            "--checkpoint-dir",
                            STRING,
                            null,
                            "Where a stream's checkpoints go (a URI every node reaches); unset:"
                                    + " checkpoints/ under run.state-dir for run, the cluster's"
                                    + " execution.checkpointing.dir for submit and the job jar."),
                    Setting.of(
                            "lineage.http-url",
                            "--lineage-url",
                            STRING,
                            null,
                            "An OpenLineage HTTP endpoint that also gets each run's lineage"
                                    + " events (Marquez: http://HOST:5000/api/v1/lineage); unset:"
                                    + " only <lake>/_lineage/events-YYYY-MM-DD.jsonl."),
                    Setting.of(
                            "progress.mode",
                            "--progress",
                            STRING,
                            "auto",
                            "A Kafka backfill's progress: auto (a bar on a terminal, else"
                                    + " lines), bar, lines or none."),
                    Setting.of(
                            "progress.every",
                            "--progress-every",
                            DURATION,
                            "PT10S",
                            "How often a progress line is printed."));

    private static final Map<String, Setting> BY_KEY =
            ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity()));
    private static final Map<String, Setting> BY_FLAG =
            ALL.stream().collect(Collectors.toMap(Setting::flag, Function.identity()));

    private Settings() {}

    public static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    public static Optional<Setting> byFlag(String flag) {
        return Optional.ofNullable(BY_FLAG.get(flag));
    }
}
