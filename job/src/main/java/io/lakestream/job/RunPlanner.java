package io.lakestream.job;

import io.lakestream.connectors.kafka.ReplayPlan;
import io.lakestream.connectors.kafka.ReplayPlanner;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.source.LakeScan;
import io.lakestream.connectors.lake.source.LakeScanException;
import io.lakestream.connectors.lake.source.LakeScanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Resolves what a run reads before its job is built, where the job is submitted from: the topic
 * must exist; a Kafka backfill gets its exact offsets; a lake backfill its partitions and files
 * (only the dates in range are listed). Planning up front makes a backfill reproducible and its
 * manifest able to say what it read.
 */
public final class RunPlanner {

    private RunPlanner() {}

    /**
     * @throws io.lakestream.connectors.kafka.KafkaUnavailableException if Kafka does not answer
     * @throws LakeScanException if a committed partition in range is damaged
     * @throws IllegalArgumentException if the lake has nothing committed in range
     */
    public static RunSpec plan(RunSpec spec, Duration kafkaTimeout) throws IOException {
        ReplayPlanner planner = new ReplayPlanner(spec.bootstrap, spec.kafkaSecurity, kafkaTimeout);
        if (spec.readsUsers()) {
            // the users changelog is read from Kafka whatever the events' source
            planner.partitions(spec.usersTopic); // fails clearly if the topic is missing
        }
        if (spec.source == SourceKind.LAKE) {
            return withLakeScans(spec).build();
        }
        if (spec.source == SourceKind.LAKE_KAFKA) {
            RunSpec.Builder b = withLakeScans(spec);
            // Kafka takes over where the lake's contiguous coverage ends, less max-delay for
            // producer clock skew: an event of a later hour was ingested after that hour began
            long covered = b.build().eventsScan.coveredUntil();
            long kafkaFrom = Math.max(spec.replayStartMillis(), covered - spec.maxDelay.toMillis());
            ReplayPlan plan = planner.plan(spec.topic, kafkaFrom, spec.replayEndMillis());
            return b.topicPartitions(plan.partitions()).replay(plan).build();
        }
        if (spec.mode == RunMode.STREAM) {
            return spec.toBuilder().topicPartitions(planner.partitions(spec.topic).size()).build();
        }
        ReplayPlan plan =
                planner.plan(spec.topic, spec.replayStartMillis(), spec.replayEndMillis());
        return spec.toBuilder().topicPartitions(plan.partitions()).replay(plan).build();
    }

    private static RunSpec.Builder withLakeScans(RunSpec spec) throws IOException {
        LakeScanner lake = LakeScanner.of(spec.lake);
        // a pipeline's horizon (e.g. clicks after the last impressions) reaches into the next
        // date: read it too (the router keeps only the horizon's events of it)
        LocalDate scanTo =
                Instant.ofEpochMilli(spec.eventsEndMillis() - 1)
                        .atZone(ZoneOffset.UTC)
                        .toLocalDate();
        // and its history (e.g. the days before an impression) reaches into earlier dates
        LocalDate scanFrom =
                Instant.ofEpochMilli(spec.eventsStartMillis()).atZone(ZoneOffset.UTC).toLocalDate();
        LakeScan events = lake.scan("events", PartitionScheme.DATE_HOUR, scanFrom, scanTo);
        if (events.isEmpty()) {
            throw new IllegalArgumentException(
                    "the lake "
                            + spec.lake
                            + " has no committed events partition from "
                            + spec.from
                            + " to "
                            + spec.to
                            + ": run ingest first, or use --source kafka");
        }
        LakeScan late = lake.scan("_late_events", PartitionScheme.DATE, scanFrom, scanTo);
        return spec.toBuilder().lakeScans(events, late.isEmpty() ? null : late);
    }
}
