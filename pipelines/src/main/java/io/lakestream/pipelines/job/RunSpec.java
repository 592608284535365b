package io.lakestream.pipelines.job;

import io.lakestream.connectors.kafka.KafkaClientSecurity;
import io.lakestream.connectors.kafka.ReplayPlan;
import io.lakestream.connectors.lake.quality.Expectations;
import io.lakestream.connectors.lake.source.LakeScan;
import io.lakestream.pipelines.Pipelines;
import io.lakestream.pipelines.ingest.Deduplicator;
import io.lakestream.pipelines.ingest.QuarantineRateLimit;
import io.lakestream.pipelines.privacy.Pseudonymizer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Everything one run needs to know, immutable: what to compute, in which mode, from where, into
 * which lake. Built by the command line (or a test) and turned into a Flink job by {@link
 * LakestreamJob}.
 */
public final class RunSpec {

    /** Source idleness when none is given. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);

    public final RunMode mode;
    public final String lake;
    public final String bootstrap;

    /**
     * How the run's Kafka clients authenticate (holds the password: never put it in a manifest, a
     * message or the Flink configuration; {@link KafkaClientSecurity#describe()} is safe).
     */
    public final KafkaClientSecurity kafkaSecurity;

    public final String topic;

    /** The {@code users} changelog topic, read by pipelines that join user profiles. */
    public final String usersTopic;

    public final List<String> pipelines;
    public final LocalDate from;
    public final LocalDate to;
    public final Duration maxDelay;
    public final Duration lookback;
    public final boolean untilLatest;
    public final String runId;
    public final String groupId;
    public final ReplayPlan replay;

    /** Partitions of the topic when the run was planned; 0 if not known. */
    public final int topicPartitions;

    public final SourceKind source;

    /** Distinct event ids per day a stream's dedup filters are sized for. */
    public final long dedupIdsPerDay;

    /** A lake-sourced backfill's planned reads of {@code events} and {@code _late_events}. */
    public final LakeScan eventsScan;

    public final LakeScan lateEventsScan;

    /**
     * Target file size of compaction on publish for the tables whose names do not start with {@code
     * _} (docs/decisions/0011); 0 publishes partitions as written.
     */
    public final long compactOnPublishBytes;

    /** When the run stops for too many quarantined records (off by default). */
    public final QuarantineRateLimit quarantineLimit;

    /**
     * How long a Kafka partition may go without records before its watermark stops holding the
     * run's back (source idleness).
     */
    public final Duration idleTimeout;

    /**
     * Whether the stages keyed by user split the users a heavy-hitter sketch flags over salted
     * sub-keys ({@code --salting auto}); false keeps every user on one subtask, for comparison.
     */
    public final boolean saltHotKeys;

    /** The partition rules checked before publishing (docs/decisions/0021); none by default. */
    public final Expectations expectations;

    /**
     * The key store of crypto-shredding, as {@code KeyStores.normalize} returns it, or null: user
     * ids are then written as they came (see {@code io.lakestream.pipelines.privacy}).
     */
    public final String keyStore;

    /** Users whose pseudonyms each pseudonymizing task caches (see {@code Pseudonymizer}). */
    public final int pseudonymCacheUsers;

    private RunSpec(Builder b) {
        this.mode = b.mode;
        this.lake = b.lake;
        this.bootstrap = b.bootstrap;
        this.kafkaSecurity = b.kafkaSecurity;
        this.topic = b.topic;
        this.usersTopic = b.usersTopic;
        this.pipelines = List.copyOf(b.pipelines);
        this.from = b.from;
        this.to = b.to;
        this.maxDelay = b.maxDelay;
        this.lookback = b.lookback;
        this.untilLatest = b.untilLatest;
        this.runId = b.runId;
        this.groupId = b.groupId;
        this.replay = b.replay;
        this.topicPartitions = b.topicPartitions;
        this.source = b.source;
        this.dedupIdsPerDay = b.dedupIdsPerDay;
        this.eventsScan = b.eventsScan;
        this.lateEventsScan = b.lateEventsScan;
        this.compactOnPublishBytes = b.compactOnPublishBytes;
        this.quarantineLimit = b.quarantineLimit;
        this.idleTimeout = b.idleTimeout;
        this.saltHotKeys = b.saltHotKeys;
        this.expectations = b.expectations;
        this.keyStore = b.keyStore;
        this.pseudonymCacheUsers = b.pseudonymCacheUsers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .mode(mode)
                .lake(lake)
                .bootstrap(bootstrap)
                .kafkaSecurity(kafkaSecurity)
                .topic(topic)
                .usersTopic(usersTopic)
                .pipelines(pipelines)
                .range(from, to)
                .maxDelay(maxDelay)
                .lookback(lookback)
                .untilLatest(untilLatest)
                .runId(runId)
                .groupId(groupId)
                .topicPartitions(topicPartitions)
                .replay(replay)
                .source(source)
                .dedupIdsPerDay(dedupIdsPerDay)
                .lakeScans(eventsScan, lateEventsScan)
                .compactOnPublish(compactOnPublishBytes)
                .quarantineLimit(quarantineLimit)
                .idleTimeout(idleTimeout)
                .saltHotKeys(saltHotKeys)
                .expectations(expectations)
                .keyStore(keyStore)
                .pseudonymCacheUsers(pseudonymCacheUsers);
    }

    /** Start of {@code from}, epoch ms UTC. */
    public long fromMillis() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** End (exclusive) of {@code to}, epoch ms UTC. */
    public long toMillisExclusive() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /**
     * How far past {@code to} a backfill reads events: the largest {@link
     * io.lakestream.pipelines.Pipeline#horizon()} of the run's pipelines (zero for most).
     */
    public Duration horizon() {
        return Pipelines.horizon(String.join(",", pipelines));
    }

    /** End (exclusive) of the event times a backfill reads: {@code to}'s end plus the horizon. */
    public long eventsEndMillis() {
        return toMillisExclusive() + horizon().toMillis();
    }

    /**
     * How far before {@code from} a backfill reads events: the largest {@link
     * io.lakestream.pipelines.Pipeline#history()} of the run's pipelines (zero for most).
     */
    public Duration history() {
        return Pipelines.history(String.join(",", pipelines));
    }

    /** Start of the event times a backfill reads: {@code from}'s start less the history. */
    public long eventsStartMillis() {
        return fromMillis() - history().toMillis();
    }

    /** Whether a backfill reads events outside its dates (a horizon or a history). */
    public boolean readsBeyondRange() {
        return !horizon().isZero() || !history().isZero();
    }

    /** Whether the run reads the {@code users} changelog topic. */
    public boolean readsUsers() {
        return Pipelines.readProfiles(String.join(",", pipelines));
    }

    /**
     * The ingestion-time window a Kafka backfill reads: {@code [from - history - maxDelay, to +
     * horizon + lookback)}.
     */
    public long replayStartMillis() {
        return eventsStartMillis() - maxDelay.toMillis();
    }

    public long replayEndMillis() {
        return eventsEndMillis() + lookback.toMillis();
    }

    /** Dedup keys must outlive the window in which a redelivery can still matter. */
    public Duration dedupRetention() {
        return maxDelay.plus(lookback);
    }

    /** Builds a {@link RunSpec}; {@link #build()} checks the combination once. */
    public static final class Builder {
        private RunMode mode = RunMode.STREAM;
        private String lake;
        private String bootstrap = "127.0.0.1:9092";
        private KafkaClientSecurity kafkaSecurity = KafkaClientSecurity.PLAINTEXT;
        private String topic = "events";
        private String usersTopic = "users";
        private List<String> pipelines = List.of("ingest");
        private LocalDate from;
        private LocalDate to;
        private Duration maxDelay = Duration.ofMinutes(10);
        private Duration lookback = Duration.ofDays(2);
        private boolean untilLatest;
        private String runId;
        private String groupId;
        private ReplayPlan replay;
        private int topicPartitions;
        private SourceKind source = SourceKind.KAFKA;
        private long dedupIdsPerDay = Deduplicator.DEFAULT_IDS_PER_DAY;
        private LakeScan eventsScan;
        private LakeScan lateEventsScan;
        private long compactOnPublishBytes;
        private QuarantineRateLimit quarantineLimit = QuarantineRateLimit.off();
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private boolean saltHotKeys = true;
        private Expectations expectations = Expectations.none();
        private String keyStore;
        private int pseudonymCacheUsers = Pseudonymizer.DEFAULT_CACHE_USERS;

        public Builder mode(RunMode v) {
            mode = v;
            return this;
        }

        public Builder lake(String v) {
            lake = v;
            return this;
        }

        public Builder bootstrap(String v) {
            bootstrap = v;
            return this;
        }

        public Builder kafkaSecurity(KafkaClientSecurity v) {
            kafkaSecurity = java.util.Objects.requireNonNull(v, "kafkaSecurity");
            return this;
        }

        public Builder topic(String v) {
            topic = v;
            return this;
        }

        public Builder usersTopic(String v) {
            usersTopic = v;
            return this;
        }

        public Builder pipelines(List<String> v) {
            pipelines = v;
            return this;
        }

        public Builder range(LocalDate f, LocalDate t) {
            from = f;
            to = t;
            return this;
        }

        public Builder maxDelay(Duration v) {
            maxDelay = v;
            return this;
        }

        public Builder lookback(Duration v) {
            lookback = v;
            return this;
        }

        public Builder untilLatest(boolean v) {
            untilLatest = v;
            return this;
        }

        public Builder runId(String v) {
            runId = v;
            return this;
        }

        public Builder groupId(String v) {
            groupId = v;
            return this;
        }

        public Builder topicPartitions(int v) {
            topicPartitions = v;
            return this;
        }

        public Builder replay(ReplayPlan v) {
            replay = v;
            return this;
        }

        public Builder source(SourceKind v) {
            source = v;
            return this;
        }

        public Builder dedupIdsPerDay(long v) {
            dedupIdsPerDay = v;
            return this;
        }

        /** What a lake-sourced backfill reads (planned by the caller, before the job). */
        public Builder lakeScans(LakeScan events, LakeScan lateEvents) {
            eventsScan = events;
            lateEventsScan = lateEvents;
            return this;
        }

        /** Compacts each published partition into files of about {@code targetBytes}; 0: off. */
        public Builder compactOnPublish(long targetBytes) {
            compactOnPublishBytes = targetBytes;
            return this;
        }

        /** Stops the run above this quarantine rate; {@link QuarantineRateLimit#off()}: never. */
        public Builder quarantineLimit(QuarantineRateLimit v) {
            quarantineLimit = java.util.Objects.requireNonNull(v, "quarantineLimit");
            return this;
        }

        /** A partition without records for this long no longer holds the watermark back. */
        public Builder idleTimeout(Duration v) {
            idleTimeout = java.util.Objects.requireNonNull(v, "idleTimeout");
            return this;
        }

        /**
         * Whether hot users are salted ({@code --salting auto}, the default) or not ({@code off}).
         */
        public Builder saltHotKeys(boolean v) {
            saltHotKeys = v;
            return this;
        }

        /** The tables' partition rules, checked before each partition is published. */
        public Builder expectations(Expectations v) {
            expectations = java.util.Objects.requireNonNull(v, "expectations");
            return this;
        }

        /** Pseudonymize user ids with the keys of this store (null: off). */
        public Builder keyStore(String v) {
            keyStore = v;
            return this;
        }

        /** Users whose pseudonyms each pseudonymizing task caches. */
        public Builder pseudonymCacheUsers(int v) {
            pseudonymCacheUsers = v;
            return this;
        }

        public RunSpec build() {
            require(lake != null && !lake.isBlank(), "--lake is required");
            require(runId != null, "a run id is required");
            require(!maxDelay.isNegative(), "--max-delay must not be negative");
            require(!lookback.isNegative(), "--lookback must not be negative");
            require(dedupIdsPerDay >= 0, "--dedup-ids-per-day must not be negative");
            require(
                    pseudonymCacheUsers >= 1,
                    "--pseudonym-cache-users must be at least 1, was " + pseudonymCacheUsers);
            require(compactOnPublishBytes >= 0, "--compact-on-publish must not be negative");
            require(
                    !idleTimeout.isNegative() && !idleTimeout.isZero(),
                    "--idle-timeout must be positive, was " + idleTimeout);
            if (mode == RunMode.BACKFILL) {
                require(from != null && to != null, "a backfill needs --from and --to");
                require(!from.isAfter(to), "--from " + from + " is after --to " + to);
                require(!untilLatest, "--until applies to streams only; a backfill is bounded");
            } else {
                require(from == null && to == null, "--from/--to apply to backfills only");
                require(
                        !source.readsLake(),
                        "--source " + source.label() + " applies to backfills only");
            }
            require(
                    !source.readsLake() || !pipelines.contains("ingest"),
                    "--source "
                            + source.label()
                            + " reads the events table, so it cannot rebuild it: run ingest"
                            + " with --source kafka");
            require(
                    keyStore == null || source != SourceKind.LAKE_KAFKA,
                    "--key-store cannot be combined with --source lake+kafka yet (the lake's"
                            + " events are pseudonymous already, Kafka's are not): backfill with"
                            + " --source kafka");
            if (groupId == null) {
                groupId = "lakestream-" + Integer.toHexString(lake.hashCode());
            }
            return new RunSpec(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
