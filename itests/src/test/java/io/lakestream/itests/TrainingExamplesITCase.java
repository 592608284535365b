package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.deploy.cli.LakestreamCli;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedProfile;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.ProfileChangelog;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training_examples} end to end, through the command line: generated events and {@code
 * users} changelog in a real Kafka broker, a backfill of the middle two of four days (so it reads
 * the first day as history for the prior-days features, and the last day's first half hour as the
 * label horizon) and a stream of all four, each compared row for row (as multisets, per partition)
 * with {@link TrainingTruth}, a plain-Java oracle over the generated input; {@code verify} compares
 * the two lakes.
 */
class TrainingExamplesITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY1 = DAY0.plusDays(1);
    private static final LocalDate DAY2 = DAY0.plusDays(2);
    private static final LocalDate DAY3 = DAY0.plusDays(3);
    private static final Path COUNTRIES = Path.of("../pipelines/src/main/resources/countries.csv");
    private static final String TABLE = "training_examples";

    @TempDir Path work;

    @Test
    void backfillAndStreamMatchTheOracleAndEachOther() throws Exception {
        String topic = "events-training";
        String usersTopic = "users-training";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(usersTopic, 2); // versions are ordered by time per partition
        // few users and items: many (user, item) pairs see clicks after impressions
        GeneratorConfig config =
                GeneratorConfig.builder(40_000, 11)
                        .users(120)
                        .items(40)
                        .start(DAY0)
                        .days(4)
                        .lateFraction(0.0)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.005)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        new KafkaEventPublisher(KAFKA.bootstrapServers(), usersTopic).publishProfiles(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.late).isEmpty();
        List<GeneratedProfile> versions = ProfileChangelog.generate(config);
        TrainingTruth oracle = new TrainingTruth(truth.onTime, versions, COUNTRIES);

        Path backfillLake = work.resolve("backfill");
        Path streamLake = work.resolve("stream");
        // with ingest in the same job: the history and horizon it reads must not reach any table
        runPipelines(
                "ingest," + TABLE,
                topic,
                usersTopic,
                backfillLake,
                "--mode",
                "backfill",
                "--from",
                "" + DAY1,
                "--to",
                "" + DAY2);
        // the stream also ingests, so its lake's events can feed a lake-sourced backfill below
        runPipelines(
                "ingest," + TABLE,
                topic,
                usersTopic,
                streamLake,
                "--mode",
                "stream",
                "--until",
                "latest");

        // the backfill: exactly the impressions of its two days, labelled with the clicks of
        // the half hour after its range too, with the activity of the days before (DAY0 read as
        // history)
        Map<String, List<String>> backfill =
                LakeRows.byPartition(backfillLake, TABLE, TrainingTruth::row);
        Map<String, List<String>> expectedRange = oracle.table(between(truth.onTime, DAY1, DAY3));
        assertSameRows(backfill, expectedRange);
        for (String table : List.of(TABLE, "events", "_quarantine")) {
            assertThat(dates(backfillLake, table))
                    .as("dates of %s written by the backfill", table)
                    .containsExactly("date=" + DAY1, "date=" + DAY2);
        }
        assertThat(backfillLake.resolve("_late_events")).doesNotExist();
        // the stream: all four days (after its end, no click can come)
        Map<String, List<String>> stream =
                LakeRows.byPartition(streamLake, TABLE, TrainingTruth::row);
        assertSameRows(stream, oracle.table(truth.onTime));
        assertThat(
                        LakestreamCli.execute(
                                "verify",
                                "--lake",
                                streamLake.toString(),
                                "--against",
                                backfillLake.toString(),
                                "--table",
                                TABLE,
                                "--from",
                                DAY1.toString(),
                                "--to",
                                DAY2.toString()))
                .isZero();

        // the data exercise what the oracle checks: both labels, a click after the range's end,
        // examples with and without a profile
        List<String> rows = backfill.values().stream().flatMap(List::stream).toList();
        long positives = rows.stream().filter(r -> r.split("\\|")[3].equals("1")).count();
        System.out.printf(
                "training_examples: %d rows over %s..%s, %d with label 1 (%.1f%%)%n",
                rows.size(), DAY1, DAY2, positives, 100.0 * positives / rows.size());
        assertThat(positives).isPositive().isLessThan(rows.size());
        long rangeEnd = DAY3.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        assertThat(
                        truth.onTime.stream()
                                .filter(e -> e.eventType().equals(GeneratedEvent.IMPRESSION))
                                .filter(e -> e.tsMillis() < rangeEnd)
                                .filter(e -> e.tsMillis() >= rangeEnd - TrainingTruth.WINDOW_MS)
                                .filter(e -> oracle.label(e) == 1)
                                .filter(e -> !clickedBefore(truth.onTime, e, rangeEnd)))
                .as("an impression labelled only by a click after the range's end")
                .isNotEmpty();
        assertThat(rows).anyMatch(r -> r.endsWith("|null|null|null|null"));
        assertThat(rows).anyMatch(r -> !r.endsWith("|null|null|null|null"));

        priorActivityNeverLeaksTheImpressionsDate(backfillLake, truth.onTime, oracle.prior());

        // from the lake: the history is the events table's partitions of the dates before
        run(
                topic,
                usersTopic,
                streamLake,
                "--mode",
                "backfill",
                "--source",
                "lake",
                "--from",
                "" + DAY1,
                "--to",
                "" + DAY2);
        Map<String, List<String>> fromLake =
                LakeRows.byPartition(streamLake, TABLE, TrainingTruth::row);
        assertSameRows(fromLake, oracle.table(truth.onTime));
    }

    /**
     * The leakage test: every row's {@code prior_*} columns equal the strict oracle (the 7 days
     * before the impression's date), and for many rows they differ from what a join with the
     * impression's own date (whole, or up to the impression) would give, so a leak cannot pass. The
     * first date's rows have prior activity only through the backfill's history.
     */
    private static void priorActivityNeverLeaksTheImpressionsDate(
            Path lake, List<GeneratedEvent> events, PriorActivityTruth prior) throws Exception {
        Map<String, GeneratedEvent> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.eventId(), e));
        List<GenericRecord> rows =
                LakeRows.records(lake, TABLE).values().stream().flatMap(List::stream).toList();
        long strict = 0;
        long sameDayDiffers = 0;
        long trailingDiffers = 0;
        long withPrior = 0;
        long firstDateWithPrior = 0;
        for (GenericRecord r : rows) {
            GeneratedEvent imp = byId.get(r.get("event_id").toString());
            String written = PriorActivityTruth.columns(r);
            strict += written.equals(prior.strict(imp)) ? 1 : 0;
            sameDayDiffers += written.equals(prior.withSameDay(imp)) ? 0 : 1;
            trailingDiffers += written.equals(prior.trailingHours(imp)) ? 0 : 1;
            if ((Integer) r.get("prior_days_active") > 0) {
                withPrior++;
                firstDateWithPrior += imp.eventDate().equals(DAY1) ? 1 : 0;
            }
        }
        System.out.printf(
                "training_examples prior_*: %d rows, %d (%.1f%%) with prior activity, %d of them"
                        + " on %s (from the history); a same-day join would differ on %d rows,"
                        + " a trailing 7x24h join on %d%n",
                rows.size(),
                withPrior,
                100.0 * withPrior / rows.size(),
                firstDateWithPrior,
                DAY1,
                sameDayDiffers,
                trailingDiffers);
        assertThat(strict).isEqualTo(rows.size());
        assertThat(sameDayDiffers).isGreaterThan(rows.size() / 2);
        assertThat(trailingDiffers).isGreaterThan(rows.size() / 2);
        assertThat(firstDateWithPrior).isPositive();
    }

    /** The {@code date=} partitions of a table in the lake. */
    private static List<String> dates(Path lake, String table) throws Exception {
        try (Stream<Path> dirs = Files.list(lake.resolve(table))) {
            return dirs.map(d -> d.getFileName().toString())
                    .filter(n -> n.startsWith("date="))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Skew: a hot user with 30 % of the events, a stream on eight subtasks. With {@code --salting
     * off} the stages keyed by user give the hot user's subtask more than twice the mean (the data
     * are skewed enough for the check to fail); with {@code auto} no subtask of any keyed stage
     * gets more than twice the mean, and the rows are the same, and those of the oracle. The
     * records per subtask are those the run prints; the label stage's add up to the impressions and
     * clicks the oracle says it reads. A backfill with salting (BATCH: the salted path's broadcasts
     * are read first) gives the oracle's rows too.
     */
    @Test
    void saltingSpreadsTheHotUserAndChangesNoRow() throws Exception {
        String topic = "events-skew";
        String usersTopic = "users-skew";
        KAFKA.createTopic(topic, 2);
        KAFKA.createTopic(usersTopic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(60_000, 23)
                        .users(2_000)
                        .items(200)
                        .hotUserShare(0.3)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.0)
                        .duplicateFraction(0.01)
                        .malformedFraction(0.0)
                        .partitions(2)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        new KafkaEventPublisher(KAFKA.bootstrapServers(), usersTopic).publishProfiles(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        TrainingTruth oracle =
                new TrainingTruth(truth.onTime, ProfileChangelog.generate(config), COUNTRIES);
        Map<String, List<String>> expected = oracle.table(truth.onTime);
        long labelInput =
                truth.onTime.stream()
                        .filter(
                                e ->
                                        e.eventType().equals(GeneratedEvent.IMPRESSION)
                                                || e.eventType().equals(GeneratedEvent.CLICK))
                        .count();

        Map<String, Map<String, long[]>> loads = new TreeMap<>();
        for (String salting : List.of("off", "auto")) {
            Path lake = work.resolve("salting-" + salting);
            String out =
                    runPipelines(
                            TABLE,
                            topic,
                            usersTopic,
                            lake,
                            "--salting",
                            salting,
                            "--mode",
                            "stream",
                            "--until",
                            "latest",
                            "--parallelism",
                            "8");
            assertSameRows(LakeRows.byPartition(lake, TABLE, TrainingTruth::row), expected);
            loads.put(salting, SubtaskLoads.parse(out));
            assertThat(SubtaskLoads.hotKeys(out, "training_examples/examples"))
                    .as("hot users flagged with salting " + salting)
                    .isEqualTo(salting.equals("off") ? 0 : 8); // u0, by each of 8 subtasks
        }
        for (String stage :
                List.of(
                        "training_examples/label",
                        "training_examples/day-activity",
                        "training_examples/profile",
                        "training_examples/prior-days")) {
            long[] off = loads.get("off").get(stage);
            long[] on = loads.get("auto").get(stage);
            System.out.printf(
                    "%s, 8 subtasks: max/mean %.2f with salting off, %.2f with salting auto%n",
                    stage, SubtaskLoads.maxOverMean(off), SubtaskLoads.maxOverMean(on));
            assertThat(on).as(stage).hasSize(8);
            assertThat(SubtaskLoads.maxOverMean(on))
                    .as(stage + ", salting auto")
                    .isLessThanOrEqualTo(2.0);
        }
        for (String stage :
                List.of("training_examples/day-activity", "training_examples/profile")) {
            assertThat(SubtaskLoads.maxOverMean(loads.get("off").get(stage)))
                    .as(stage + ", salting off")
                    .isGreaterThan(2.0);
        }
        for (Map<String, long[]> run : loads.values()) {
            assertThat(LongStream.of(run.get("training_examples/label")).sum())
                    .isEqualTo(labelInput);
        }

        Path backfill = work.resolve("salting-backfill");
        String out =
                runPipelines(
                        TABLE,
                        topic,
                        usersTopic,
                        backfill,
                        "--mode",
                        "backfill",
                        "--from",
                        "" + DAY1,
                        "--to",
                        "" + DAY1);
        assertThat(SubtaskLoads.hotKeys(out, "training_examples/examples")).isPositive();
        assertSameRows(
                LakeRows.byPartition(backfill, TABLE, TrainingTruth::row),
                oracle.table(between(truth.onTime, DAY1, DAY2)));
    }

    @Test
    void aProfileChangeAtTimeTAffectsExactlyTheImpressionsFromT() throws Exception {
        String topic = "events-profile";
        String usersTopic = "users-profile";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(usersTopic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(12_000, 5)
                        .users(40)
                        .items(30)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.0)
                        .malformedFraction(0.0)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        new KafkaEventPublisher(KAFKA.bootstrapServers(), usersTopic).publishProfiles(config);
        List<GeneratedProfile> versions = ProfileChangelog.generate(config);
        Path lake = work.resolve("lake");
        run(topic, usersTopic, lake, "--mode", "backfill", "--from", "" + DAY0, "--to", "" + DAY0);
        List<GenericRecord> rows =
                LakeRows.records(lake, TABLE).values().stream().flatMap(List::stream).toList();

        int changesSeen = 0;
        for (int i = 1; i < versions.size(); i++) {
            GeneratedProfile change = versions.get(i);
            GeneratedProfile previous = previousOf(versions, i);
            if (previous == null) {
                continue;
            }
            long t = change.tsMillis();
            long next = nextOf(versions, i);
            List<GenericRecord> before = between(rows, change.userId(), previous.tsMillis(), t);
            List<GenericRecord> after = between(rows, change.userId(), t, next);
            if (before.isEmpty() || after.isEmpty()) {
                continue;
            }
            changesSeen++;
            assertThat(before).allMatch(r -> is(r, previous));
            assertThat(after).allMatch(r -> is(r, change));
        }
        assertThat(changesSeen).as("profile changes with impressions on both sides").isPositive();
    }

    private void run(String topic, String usersTopic, Path lake, String... mode) {
        runPipelines(TABLE, topic, usersTopic, lake, mode);
    }

    /** Runs {@code pipelines}; returns what the run printed. */
    private String runPipelines(
            String pipelines, String topic, String usersTopic, Path lake, String... mode) {
        List<String> extra = new ArrayList<>(List.of("--users-topic", usersTopic));
        extra.addAll(List.of(mode));
        return CliRuns.runCapturingOutput(
                KAFKA.bootstrapServers(),
                work.resolve("state-" + lake.getFileName()),
                topic,
                lake,
                pipelines,
                extra.toArray(String[]::new));
    }

    private static void assertSameRows(
            Map<String, List<String>> actual, Map<String, List<String>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (partition, rows) ->
                        assertThat(actual.get(partition))
                                .as(partition)
                                .hasSameSizeAs(rows)
                                .containsExactlyInAnyOrderElementsOf(rows));
    }

    /** The events of the dates {@code [from, to)}. */
    private static List<GeneratedEvent> between(
            List<GeneratedEvent> events, LocalDate from, LocalDate to) {
        long start = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = to.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return events.stream().filter(e -> e.tsMillis() >= start && e.tsMillis() < end).toList();
    }

    /** Whether a click in the impression's window came before {@code end}. */
    private static boolean clickedBefore(
            List<GeneratedEvent> events, GeneratedEvent imp, long end) {
        return events.stream()
                .anyMatch(
                        c ->
                                c.eventType().equals(GeneratedEvent.CLICK)
                                        && c.userId().equals(imp.userId())
                                        && c.itemId().equals(imp.itemId())
                                        && c.tsMillis() > imp.tsMillis()
                                        && c.tsMillis() < end);
    }

    private static GeneratedProfile previousOf(List<GeneratedProfile> versions, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (versions.get(j).userId().equals(versions.get(i).userId())) {
                return versions.get(j);
            }
        }
        return null;
    }

    private static long nextOf(List<GeneratedProfile> versions, int i) {
        for (int j = i + 1; j < versions.size(); j++) {
            if (versions.get(j).userId().equals(versions.get(i).userId())) {
                return versions.get(j).tsMillis();
            }
        }
        return Long.MAX_VALUE;
    }

    /** The user's rows with event times in {@code [from, to)}. */
    private static List<GenericRecord> between(
            List<GenericRecord> rows, String user, long from, long to) {
        return rows.stream()
                .filter(r -> r.get("user_id").toString().equals(user))
                .filter(r -> (Long) r.get("event_time") >= from && (Long) r.get("event_time") < to)
                .toList();
    }

    private static boolean is(GenericRecord r, GeneratedProfile p) {
        return String.valueOf(r.get("profile_time")).equals("" + p.tsMillis())
                && String.valueOf(r.get("profile_country")).equals("" + p.country())
                && String.valueOf(r.get("profile_age")).equals("" + p.age())
                && String.valueOf(r.get("profile_tier")).equals(p.tier());
    }
}
