package io.lakestream.pipelines.job;

import io.lakestream.connectors.kafka.KafkaEventSource;
import io.lakestream.connectors.lake.LakeSink;
import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.LakeTable;
import io.lakestream.connectors.lake.source.LakeKafkaHybrid;
import io.lakestream.connectors.lake.source.LakeSource;
import io.lakestream.pipelines.Pipeline;
import io.lakestream.pipelines.PipelineContext;
import io.lakestream.pipelines.Pipelines;
import io.lakestream.pipelines.UserDayFold;
import io.lakestream.pipelines.decode.EventDecoder;
import io.lakestream.pipelines.decode.ProfileDecoder;
import io.lakestream.pipelines.ingest.BatchDeduplicator;
import io.lakestream.pipelines.ingest.Deduplicator;
import io.lakestream.pipelines.ingest.EventIdKey;
import io.lakestream.pipelines.ingest.EventTimeWatermarks;
import io.lakestream.pipelines.ingest.LateEventSplitter;
import io.lakestream.pipelines.ingest.ProfileRouter;
import io.lakestream.pipelines.ingest.RecordRouter;
import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventTypeInfo;
import io.lakestream.pipelines.model.ProfileVersion;
import io.lakestream.pipelines.model.QuarantineRecord;
import io.lakestream.pipelines.privacy.PseudonymizeEvents;
import io.lakestream.pipelines.privacy.PseudonymizeProfiles;
import io.lakestream.pipelines.privacy.PseudonymizeQuarantine;
import io.lakestream.pipelines.tables.EventsTable;
import io.lakestream.pipelines.tables.LateEventsTable;
import io.lakestream.pipelines.tables.QuarantineTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;

/**
 * Composes the Flink job of a {@link RunSpec}: the Kafka source of the mode, then decode →
 * quarantine → dedup → late split, then the chosen pipelines, each writing its tables through a
 * {@link LakeSink} in the mode's way (append for a stream, overwrite of the date range for a
 * backfill). Every operator has a stable uid, so savepoints survive upgrades.
 *
 * <pre>{@code
 * List<LakeSinkConfig> sinks = LakestreamJob.compose(env, spec);
 * env.execute("lakestream " + spec.mode.label());
 * for (LakeSinkConfig sink : sinks) LakeFinalizer.finish(sink);
 * }</pre>
 */
public final class LakestreamJob {

    private static final TypeInformation<DecodedRecord> DECODED =
            TypeInformation.of(DecodedRecord.class);

    private LakestreamJob() {}

    /** Adds the run's job to {@code env}; returns the sinks, for {@code LakeFinalizer}. */
    public static List<LakeSinkConfig> compose(StreamExecutionEnvironment env, RunSpec spec) {
        SingleOutputStreamOperator<DecodedRecord> decoded =
                env.fromSource(
                                source(spec),
                                new EventTimeWatermarks(spec.maxDelay)
                                        .withIdleness(spec.idleTimeout),
                                spec.source.label() + ": " + spec.topic,
                                DECODED)
                        .uid(spec.source == SourceKind.KAFKA ? "kafka-events" : "lake-events");
        if (spec.topicPartitions > 0 && spec.source == SourceKind.KAFKA) {
            // a reader without a Kafka partition would hold the watermark back until the
            // idleness timeout; so no more readers than partitions (new partitions found later
            // are spread over the existing readers)
            int parallelism = env.getParallelism();
            decoded.setParallelism(
                    parallelism > 0
                            ? Math.min(parallelism, spec.topicPartitions)
                            : spec.topicPartitions);
        }

        // hand-serialized, not POJOs: a backfill sorts each event several times, a stream sends
        // each through two exchanges (ADR 0016, 0028)
        TypeInformation<Event> events = EventTypeInfo.of();
        RecordRouter router =
                spec.mode == RunMode.BACKFILL
                        ? new RecordRouter(
                                spec.eventsStartMillis(),
                                spec.fromMillis(),
                                spec.toMillisExclusive(),
                                spec.eventsEndMillis(),
                                spec.quarantineLimit)
                        : RecordRouter.unbounded(spec.quarantineLimit);
        SingleOutputStreamOperator<Event> valid =
                decoded.process(router, events)
                        .setParallelism(decoded.getParallelism()) // chained to the source
                        .uid("route")
                        .name("decode: route valid / quarantine");
        DataStream<QuarantineRecord> quarantined = valid.getSideOutput(RecordRouter.QUARANTINE);
        if (spec.keyStore != null && spec.source == SourceKind.KAFKA) {
            // the lake's events were pseudonymized when they were first written
            valid =
                    pseudonymized(
                            valid,
                            new PseudonymizeEvents(spec.keyStore, spec.pseudonymCacheUsers),
                            events,
                            "events");
            quarantined =
                    pseudonymized(
                            quarantined,
                            new PseudonymizeQuarantine(spec.keyStore, spec.pseudonymCacheUsers),
                            TypeInformation.of(QuarantineRecord.class),
                            "quarantine");
        }

        SingleOutputStreamOperator<Event> unique =
                (spec.mode == RunMode.BACKFILL
                                ? valid.keyBy(e -> EventIdKey.of(e.eventId), Types.LONG)
                                        .process(new BatchDeduplicator(), events)
                                : valid.keyBy(e -> e.eventId, Types.STRING)
                                        .process(
                                                Deduplicator.withBloomFront(
                                                        spec.dedupRetention(), spec.dedupIdsPerDay),
                                                events))
                        .uid("dedup")
                        .name("dedup by event_id");
        SingleOutputStreamOperator<Event> onTime =
                unique.process(new LateEventSplitter(), events)
                        .uid("late-split")
                        .name("late-data rule");

        Context ctx = new Context(spec, onTime, events);
        if (spec.mode == RunMode.STREAM) {
            // a backfill has no late events, and must not overwrite what a stream recorded
            ctx.write(onTime.getSideOutput(LateEventSplitter.LATE), new LateEventsTable());
        }
        for (Pipeline p : Pipelines.parse(String.join(",", spec.pipelines))) {
            ctx.attaching = p;
            p.attach(ctx);
        }
        ctx.attaching = null;
        if (spec.source == SourceKind.KAFKA) {
            // a lake-sourced backfill has no raw records of the dates it reads: it must not
            // overwrite what the stream quarantined (records that the Kafka part of a hybrid
            // quarantines are counted, and were quarantined when they first arrived)
            ctx.write(ctx.withProfileQuarantine(quarantined), new QuarantineTable());
        }
        return ctx.sinks;
    }

    /**
     * {@code in}'s user ids replaced by their pseudonyms, and the records of forgotten users
     * dropped (see {@link io.lakestream.pipelines.privacy.UserPseudonymization}); chained to {@code
     * in}.
     */
    private static <T> SingleOutputStreamOperator<T> pseudonymized(
            DataStream<T> in,
            ProcessFunction<T, T> pseudonymization,
            TypeInformation<T> type,
            String what) {
        return in.process(pseudonymization, type)
                .setParallelism(in.getParallelism())
                .uid("pseudonymize-" + what)
                .name("privacy: pseudonymize " + what);
    }

    /** The {@code users} changelog, decoded, valid versions on and broken ones to a side output. */
    private static SingleOutputStreamOperator<ProfileVersion> profiles(
            StreamExecutionEnvironment env, RunSpec spec) {
        WatermarkStrategy<ProfileVersion> watermarks =
                WatermarkStrategy.<ProfileVersion>forBoundedOutOfOrderness(spec.maxDelay)
                        .withTimestampAssigner(
                                (v, t) -> v.quarantine == null ? v.ts : Long.MIN_VALUE)
                        .withIdleness(spec.idleTimeout);
        boolean bounded = spec.mode == RunMode.BACKFILL || spec.untilLatest;
        boolean backfill = spec.mode == RunMode.BACKFILL;
        return env.fromSource(
                        KafkaEventSource.changelog(
                                spec.bootstrap,
                                spec.kafkaSecurity,
                                spec.usersTopic,
                                bounded,
                                new ProfileDecoder()),
                        watermarks,
                        "kafka: " + spec.usersTopic,
                        TypeInformation.of(ProfileVersion.class))
                .uid("kafka-users")
                .process(
                        new ProfileRouter(
                                backfill ? spec.fromMillis() : Long.MIN_VALUE,
                                backfill ? spec.toMillisExclusive() : Long.MAX_VALUE),
                        TypeInformation.of(ProfileVersion.class))
                .uid("users-route")
                .name("users: route valid / quarantine");
    }

    private static Source<DecodedRecord, ?, ?> source(RunSpec spec) {
        EventsTable events = new EventsTable();
        EventDecoder decoder =
                new EventDecoder(spec.expectations.recordRules(events.name(), events.schema()));
        if (spec.source == SourceKind.KAFKA) {
            return spec.mode == RunMode.BACKFILL
                    ? KafkaEventSource.replay(
                            spec.bootstrap, spec.kafkaSecurity, spec.replay, decoder)
                    : KafkaEventSource.stream(
                            spec.bootstrap,
                            spec.kafkaSecurity,
                            spec.topic,
                            spec.groupId,
                            spec.untilLatest,
                            decoder);
        }
        LakeSource.Builder<DecodedRecord> lake =
                LakeSource.of(spec.eventsScan, new LakeEventMapper(), DECODED);
        if (spec.lateEventsScan != null) {
            lake.alsoRead(spec.lateEventsScan);
        }
        if (spec.source == SourceKind.LAKE) {
            return lake.build();
        }
        // the Kafka part is a replay from where the lake's coverage ends (planned by time, see
        // LakeScan.coveredUntil); records the lake also holds are dropped by dedup
        return LakeKafkaHybrid.then(
                lake.build(),
                KafkaEventSource.replay(spec.bootstrap, spec.kafkaSecurity, spec.replay, decoder));
    }

    /**
     * Hands pipelines the on-time events and builds sinks with the run's settings. A backfill that
     * reads beyond its dates (a horizon after, a history before) filters what it read: {@link
     * #events()} keeps the range only, so no table (ingest's {@code events} included) gets a row of
     * another date; the wider views are made on first use, for the pipelines that ask.
     */
    private static final class Context implements PipelineContext {
        private final RunSpec spec;
        private final DataStream<Event> read;
        private final TypeInformation<Event> type;
        private final DataStream<Event> events;
        private DataStream<Event> eventsWithHorizon;
        private DataStream<Event> eventsWithHistory;
        private final List<LakeSinkConfig> sinks = new ArrayList<>();

        /** The pipeline whose tables {@link #write} builds sinks for, or null. */
        private Pipeline attaching;

        private DataStream<ProfileVersion> profiles;
        private DataStream<QuarantineRecord> profileQuarantine;

        /** A backfill's one stage keyed by user ({@link #perUserDay}), made on first use. */
        private UserDayStage userDays;

        private SingleOutputStreamOperator<Void> userDayRows;
        private final List<String> userDayPipelines = new ArrayList<>();

        Context(RunSpec spec, DataStream<Event> read, TypeInformation<Event> type) {
            this.spec = spec;
            this.read = read;
            this.type = type;
            this.events =
                    readsBeyondRange()
                            ? filtered(
                                    spec.fromMillis(),
                                    spec.toMillisExclusive(),
                                    "range",
                                    "backfill: events of the range (without horizon and history)")
                            : read;
        }

        private boolean readsBeyondRange() {
            return spec.mode == RunMode.BACKFILL && spec.readsBeyondRange();
        }

        /** The events read with event times in {@code [from, to)}. */
        private DataStream<Event> filtered(long from, long to, String uid, String name) {
            return read.filter(e -> e.ts >= from && e.ts < to).returns(type).uid(uid).name(name);
        }

        @Override
        public boolean saltHotKeys() {
            return spec.saltHotKeys;
        }

        @Override
        public DataStream<Event> eventsWithHorizon() {
            if (eventsWithHorizon == null) {
                // without a history, what was read ends with the horizon and starts with the range
                eventsWithHorizon =
                        !readsBeyondRange() || spec.history().isZero()
                                ? read
                                : filtered(
                                        spec.fromMillis(),
                                        Long.MAX_VALUE,
                                        "range-horizon",
                                        "backfill: events of the range and the horizon");
            }
            return eventsWithHorizon;
        }

        @Override
        public DataStream<Event> eventsWithHistory() {
            if (eventsWithHistory == null) {
                eventsWithHistory =
                        !readsBeyondRange() || spec.horizon().isZero()
                                ? read
                                : filtered(
                                        Long.MIN_VALUE,
                                        spec.toMillisExclusive(),
                                        "history-range",
                                        "backfill: events of the history and the range");
            }
            return eventsWithHistory;
        }

        @Override
        public DataStream<ProfileVersion> profiles() {
            if (profiles == null) {
                SingleOutputStreamOperator<ProfileVersion> routed =
                        LakestreamJob.profiles(events.getExecutionEnvironment(), spec);
                profiles = routed;
                profileQuarantine = routed.getSideOutput(ProfileRouter.QUARANTINE);
                if (spec.keyStore != null) {
                    profiles =
                            pseudonymized(
                                    routed,
                                    new PseudonymizeProfiles(
                                            spec.keyStore, spec.pseudonymCacheUsers),
                                    TypeInformation.of(ProfileVersion.class),
                                    "profiles");
                    profileQuarantine =
                            pseudonymized(
                                    profileQuarantine,
                                    new PseudonymizeQuarantine(
                                            spec.keyStore, spec.pseudonymCacheUsers),
                                    TypeInformation.of(QuarantineRecord.class),
                                    "profile-quarantine");
                }
            }
            return profiles;
        }

        /** {@code quarantined}, and the users topic's broken records if the run reads it. */
        DataStream<QuarantineRecord> withProfileQuarantine(DataStream<QuarantineRecord> q) {
            return profiles == null ? q : q.union(profileQuarantine);
        }

        private int lakeFiles() {
            return spec.eventsScan.fileCount()
                    + (spec.lateEventsScan == null ? 0 : spec.lateEventsScan.fileCount());
        }

        @Override
        public DataStream<Event> events() {
            return events;
        }

        @Override
        public <T> DataStream<T> perUserDay(
                UserDayFold<?, T> fold,
                TypeInformation<T> rowType,
                Function<DataStream<Event>, DataStream<T>> streamStage) {
            if (spec.mode == RunMode.STREAM) {
                return streamStage.apply(events);
            }
            if (userDays == null) {
                userDays = new UserDayStage();
                userDayRows =
                        events.keyBy(e -> e.userId, Types.STRING)
                                .process(userDays, Types.VOID)
                                .uid("user-days");
            }
            OutputTag<T> rows = userDays.add(fold, rowType);
            userDayPipelines.add(
                    attaching != null ? attaching.name() : fold.getClass().getSimpleName());
            userDayRows.name("per user and day: " + String.join(", ", userDayPipelines));
            return userDayRows.getSideOutput(rows);
        }

        @Override
        public <T> void write(DataStream<T> rows, LakeTable<T> table) {
            LakeSink.Builder<T> b =
                    LakeSink.forTable(table)
                            .lake(spec.lake)
                            .runId(spec.runId)
                            .modeLabel(spec.mode.label())
                            .source(sourceDescription());
            if (spec.mode == RunMode.BACKFILL) {
                b.overwrite(spec.from, spec.to);
            } else if (!table.name().startsWith("_")) {
                b.countLateEventsIn(LateEventsTable.NAME, LateEventsTable.EVENT_TIME);
            }
            if (spec.compactOnPublishBytes > 0 && !table.name().startsWith("_")) {
                // not _late_events: its partitions keep growing after they are published
                b.compactOnPublish(spec.compactOnPublishBytes);
            }
            b.expectations(spec.expectations.forTable(table.name()));
            if (attaching != null) {
                // a label window: the rows of a partition depend on events after its end
                b.horizon(attaching.horizon());
            }
            LakeSink<T> sink = b.build();
            sinks.add(sink.config());
            rows.sinkTo(sink).uid("sink-" + table.name()).name("lake: " + table.name());
        }

        private Map<String, String> sourceDescription() {
            Map<String, String> m = new LinkedHashMap<>(eventsSource());
            if (profiles != null) {
                // the users changelog is read whole: its offsets are not a range to record
                m.put("users_topic", spec.usersTopic + " (from earliest)");
            }
            if (spec.mode == RunMode.BACKFILL && !spec.horizon().isZero()) {
                m.put("events_horizon", spec.horizon().toString());
            }
            if (spec.mode == RunMode.BACKFILL && !spec.history().isZero()) {
                m.put("events_history", spec.history().toString());
            }
            return m;
        }

        private Map<String, String> eventsSource() {
            if (spec.source.readsLake()) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("type", spec.source.label());
                m.put("lake_tables", "events,_late_events");
                m.put("lake_from", spec.from.toString());
                m.put("lake_to", spec.to.toString());
                m.put("lake_files", Integer.toString(lakeFiles()));
                if (spec.source == SourceKind.LAKE_KAFKA) {
                    m.put("topic", spec.topic);
                    m.put(
                            "lake_covered_until",
                            Instant.ofEpochMilli(spec.eventsScan.coveredUntil()).toString());
                    m.put("kafka_replay", spec.replay.describe().get("offsets"));
                }
                return m;
            }
            if (spec.mode == RunMode.BACKFILL) {
                return spec.replay.describe();
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put("type", "kafka-stream");
            m.put("topic", spec.topic);
            m.put("group", spec.groupId);
            m.put("until", spec.untilLatest ? "latest" : "unbounded");
            return m;
        }
    }
}
