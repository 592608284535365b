package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lakestream.connectors.testing.LongVariants;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.cli.LakestreamCli;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.RecordKind;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.itests.PoisonPills.Pill;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.ingest.QuarantineRateExceededException;
import io.lakestream.pipelines.ingest.QuarantineRateLimit;
import io.lakestream.pipelines.ingest.RunCounter;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 7: poison pills on a real broker. Every kind of bad record — garbage bytes,
 * truncated JSON, a 10 MiB record, invalid UTF-8, each rule of the contract broken — interleaved
 * with generated events: the run does not restart, each bad record lands in {@code _quarantine}
 * exactly once with its topic/partition/offset and byte-exact payload, and the events equal the
 * oracle. Then the quarantine-rate limit: above it, the run stops at the record that crossed it,
 * without restarts, with one line from the command line.
 */
class PoisonPillITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);

    @TempDir Path work;

    /** A bad record as sent: what it should be quarantined as, and where it landed. */
    private record Sent(String raw, String code, Future<RecordMetadata> at, long timestamp) {}

    @Test
    void everyPoisonPillIsQuarantinedOnceWithProvenanceAndTheEventsAreUnchanged() throws Exception {
        String topic = "poison-pills";
        KAFKA.createTopic(topic, 2);
        TopicWriter.allowLargeRecords(KAFKA.bootstrapServers(), topic);
        GeneratorConfig config =
                GeneratorConfig.builder(LongVariants.pick(4_000, 200_000), 17)
                        .users(200)
                        .items(100)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.005)
                        .partitions(2)
                        .build();
        List<GeneratedRecord> generated = EventGenerator.generateAll(config);
        GeneratedTruth truth = new GeneratedTruth(generated);
        assertThat(truth.late).isEmpty();
        List<Pill> pills = PoisonPills.all(17);
        List<Sent> bad = publish(topic, generated, pills);

        long t0 = System.nanoTime();
        JobRunner.RunResult run =
                localRun().execute(plan(stream(topic, work.resolve("lake")).build()));
        long millis = (System.nanoTime() - t0) / 1_000_000;

        Map<String, List<String>> expectedQuarantine = new TreeMap<>();
        Map<String, String> expectedCodes = new HashMap<>();
        for (Sent s : bad) {
            RecordMetadata at = TopicWriter.landed(s.at());
            String row = quarantineRow(topic, at.partition(), at.offset(), s.raw());
            expectedQuarantine
                    .computeIfAbsent(
                            GeneratedTruth.datePartition(s.timestamp()), k -> new ArrayList<>())
                    .add(row);
            if (s.code() != null) {
                expectedCodes.put(at.partition() + "@" + at.offset(), s.code());
            }
        }
        Path lake = work.resolve("lake");
        Map<String, List<GenericRecord>> quarantined = LakeRows.records(lake, "_quarantine");
        Map<String, List<String>> actualQuarantine = new TreeMap<>();
        Map<String, String> actualCodes = new HashMap<>();
        quarantined.forEach(
                (partition, rows) -> {
                    for (GenericRecord r : rows) {
                        actualQuarantine
                                .computeIfAbsent(partition, k -> new ArrayList<>())
                                .add(
                                        quarantineRow(
                                                r.get("topic").toString(),
                                                (Integer) r.get("partition"),
                                                (Long) r.get("offset"),
                                                rawOf(r)));
                        String key = r.get("partition") + "@" + r.get("offset");
                        if (expectedCodes.containsKey(key)) {
                            String reason = r.get("reason").toString();
                            actualCodes.put(key, reason.substring(0, reason.indexOf(':')));
                        }
                    }
                });
        Map<String, List<String>> actualEvents =
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow);
        Map<String, List<String>> expectedEvents = GeneratedTruth.eventsTable(truth.onTime);

        List<String> expectedAll = flatten(expectedQuarantine, expectedEvents);
        List<String> actualAll = flatten(actualQuarantine, actualEvents);
        ReliabilityRow row =
                ReliabilityRow.of(
                                "poison-pills",
                                "Poison pills: garbage, truncated JSON, a 10 MiB record, invalid"
                                        + " UTF-8, every contract violation",
                                pills.size()
                                        + " hand-made bad records of as many kinds and "
                                        + truth.malformed.size()
                                        + " generated ones, among "
                                        + generated.size()
                                        + " records on 2 partitions; one stream --until latest"
                                        + " ("
                                        + ReliabilityRow.seconds(Duration.ofMillis(millis))
                                        + ")",
                                1,
                                expectedAll,
                                actualAll,
                                Long.toString(run.counts().get(RunCounter.RESTARTS)),
                                "none needed: quarantined in-line")
                        .write();

        assertThat(run.counts())
                .containsEntry(RunCounter.RESTARTS, 0L)
                .containsEntry(RunCounter.QUARANTINED, (long) bad.size());
        StreamBackfillITCase.assertSameRows("_quarantine", actualQuarantine, expectedQuarantine);
        assertThat(actualCodes).isEqualTo(expectedCodes);
        StreamBackfillITCase.assertSameRows("events", actualEvents, expectedEvents);
        assertThat(LakeRows.byPartition(lake, "_late_events", r -> "")).isEmpty();
        assertThat(row.lost()).isZero();
        assertThat(row.duplicated()).isZero();
    }

    @Test
    void aQuarantineRateAboveTheLimitStopsTheRunAtTheRecordThatCrossedIt() throws Exception {
        String topic = "poison-rate";
        KAFKA.createTopic(topic, 1);
        QuarantineRateLimit limit = QuarantineRateLimit.of(0.05, 100);
        List<GeneratedRecord> good =
                EventGenerator.generateAll(
                        GeneratorConfig.builder(600, 23)
                                .users(50)
                                .items(20)
                                .start(DAY0)
                                .days(1)
                                .lateFraction(0.0)
                                .duplicateFraction(0.0)
                                .malformedFraction(0.0)
                                .partitions(1)
                                .build());
        // a tolerable trickle of bad records (2 in 100), then a burst (1 in 4) from record 300
        List<Boolean> isBad = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<String> goodIds = new ArrayList<>();
        try (TopicWriter w = new TopicWriter(KAFKA.bootstrapServers(), topic)) {
            for (int i = 0; i < good.size(); i++) {
                GeneratedRecord r = good.get(i);
                boolean poison = i < 300 ? i % 50 == 25 : i % 4 == 0;
                byte[] value =
                        poison ? ("not json " + i).getBytes(StandardCharsets.UTF_8) : r.value();
                sent.add(w.send(0, r.timestampMillis(), r.key(), value));
                isBad.add(poison);
                goodIds.add(poison ? null : r.event().eventId());
            }
        }
        long crossing = -1;
        Deque<Boolean> window = new ArrayDeque<>();
        for (int i = 0; i < isBad.size() && crossing < 0; i++) {
            window.addLast(isBad.get(i));
            if (window.size() > limit.window()) {
                window.removeFirst();
            }
            long count = window.stream().filter(b -> b).count();
            if (isBad.get(i) && count > limit.maxRate() * limit.window()) {
                crossing = TopicWriter.landed(sent.get(i)).offset();
            }
        }
        assertThat(crossing).isGreaterThan(300);
        long crossed = crossing;

        // through the API: the job fails at once (not recoverable), naming the record
        Path lake = work.resolve("lake-api");
        long t0 = System.nanoTime();
        Throwable failure =
                catchThrowable(
                        () ->
                                localRun()
                                        .submit(
                                                plan(
                                                        stream(topic, lake)
                                                                .quarantineLimit(limit)
                                                                .build()))
                                        .awaitAndFinalise());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        QuarantineRateExceededException breach = QuarantineRateExceededException.find(failure);
        assertThat(breach).as("the failure: %s", failure).isNotNull();
        boolean restarted =
                ExceptionUtils.findThrowableWithMessage(failure, "Recovery is suppressed")
                        .isPresent();

        // through the command line: one line, the same record, no stack trace
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                cliRun(
                        err,
                        topic,
                        work.resolve("lake-cli"),
                        "--max-quarantine-rate",
                        "0.05",
                        "--quarantine-window",
                        "100");
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();

        String where = "topic " + topic + " partition 0 offset ";
        ReliabilityRow row =
                ReliabilityRow.of(
                                "quarantine-rate-limit",
                                "Quarantine rate above --max-quarantine-rate",
                                "2 in 100 records bad, then 1 in 4 from record 300, with a limit"
                                        + " of 0.05 over 100 records; the run through the API and"
                                        + " the CLI",
                                2,
                                List.of(where + crossing, where + crossing),
                                List.of(
                                        where + breach.offset(),
                                        lines.stream()
                                                .filter(l -> l.contains(where))
                                                .map(
                                                        l ->
                                                                l.replaceAll(
                                                                        ".*(" + where + "\\d+).*",
                                                                        "$1"))
                                                .findFirst()
                                                .orElse("no line")),
                                restarted ? "restarted" : "0",
                                "stops in "
                                        + ReliabilityRow.seconds(Duration.ofMillis(millis))
                                        + " with one error line; no restart")
                        .write();

        assertThat(breach.topic()).isEqualTo(topic);
        assertThat(breach.partition()).isZero();
        assertThat(breach.offset()).isEqualTo(crossing);
        assertThat(restarted).as("restarted into the same breach").isFalse();
        assertThat(exit).isEqualTo(2);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("lakestream: stopped: ")
                .contains(where + crossing + " ")
                .contains("--max-quarantine-rate 0.05");
        assertThat(row.lost()).isZero();
        // nothing read at or after the record that crossed the limit was published
        for (Path l : List.of(lake, work.resolve("lake-cli"))) {
            LakeRows.records(l, "_quarantine")
                    .values()
                    .forEach(
                            rs ->
                                    rs.forEach(
                                            r ->
                                                    assertThat((Long) r.get("offset"))
                                                            .isLessThan(crossed)));
            List<String> before = goodIds.subList(0, (int) crossing);
            LakeRows.byPartition(l, "events", r -> r.get("event_id").toString())
                    .values()
                    .forEach(ids -> assertThat(before).containsAll(ids));
        }
    }

    /** Sends the generated records, with a pill after every n-th, alternating partitions. */
    private List<Sent> publish(String topic, List<GeneratedRecord> generated, List<Pill> pills) {
        List<Sent> bad = new ArrayList<>();
        int every = generated.size() / (pills.size() + 1);
        int next = 0;
        try (TopicWriter w = new TopicWriter(KAFKA.bootstrapServers(), topic)) {
            for (int i = 0; i < generated.size(); i++) {
                GeneratedRecord r = generated.get(i);
                Future<RecordMetadata> at = w.send(null, r.timestampMillis(), r.key(), r.value());
                if (r.kind() == RecordKind.MALFORMED) {
                    bad.add(new Sent(GeneratedTruth.raw(r.value()), null, at, r.timestampMillis()));
                }
                if ((i + 1) % every == 0 && next < pills.size()) {
                    Pill p = pills.get(next);
                    byte[] key = ("poison-" + next).getBytes(StandardCharsets.UTF_8);
                    String raw = p.value() == null ? "" : GeneratedTruth.raw(p.value());
                    bad.add(
                            new Sent(
                                    raw,
                                    p.code(),
                                    w.send(next % 2, r.timestampMillis(), key, p.value()),
                                    r.timestampMillis()));
                    next++;
                }
            }
        }
        assertThat(next).isEqualTo(pills.size());
        return bad;
    }

    private int cliRun(ByteArrayOutputStream err, String topic, Path lake, String... limit) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--pipelines",
                                "ingest",
                                "--mode",
                                "stream",
                                "--until",
                                "latest",
                                "--lake",
                                lake.toString(),
                                "--bootstrap",
                                KAFKA.bootstrapServers(),
                                "--topic",
                                topic,
                                "--web-ui-port",
                                "0",
                                "--checkpoint-interval",
                                "PT1S",
                                "--state-dir",
                                work.resolve("state-cli").toString()));
        args.addAll(List.of(limit));
        PrintStream stderr = System.err;
        synchronized (CliRuns.class) {
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                return LakestreamCli.execute(args.toArray(String[]::new));
            } finally {
                System.setErr(stderr);
                stderr.print(err.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private LocalRun localRun() {
        return new LocalRun(2, Duration.ofSeconds(1), work.resolve("state"), 0);
    }

    private static RunSpec.Builder stream(String topic, Path lake) {
        return RunSpec.builder()
                .mode(RunMode.STREAM)
                .lake(lake.toString())
                .bootstrap(KAFKA.bootstrapServers())
                .topic(topic)
                .pipelines(List.of("ingest"))
                .untilLatest(true)
                .runId("poison-" + lake.getFileName());
    }

    private static RunSpec plan(RunSpec spec) throws Exception {
        return RunPlanner.plan(spec, Duration.ofSeconds(30));
    }

    /** Provenance and a digest of the payload (the large one is 10 MiB). */
    private static String quarantineRow(String topic, int partition, long offset, String raw) {
        return topic + "/" + partition + "@" + offset + " " + sha256(raw) + " " + raw.length();
    }

    private static String rawOf(GenericRecord r) {
        String raw = r.get("raw").toString();
        return "base64".equals(r.get("raw_encoding").toString()) ? "base64:" + raw : raw;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static List<String> flatten(Map<String, List<String>>... tables) {
        List<String> all = new ArrayList<>();
        for (Map<String, List<String>> t : tables) {
            t.forEach((p, rows) -> rows.forEach(r -> all.add(p + " " + r)));
        }
        return all;
    }
}
