package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.read.LakeComparison;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeVerifier;
import io.lakestream.connectors.lake.read.PartitionAudit;
import io.lakestream.connectors.lake.read.PartitionReport;
import io.lakestream.connectors.lake.repair.RepairMarker;
import io.lakestream.connectors.lake.repair.Restatement;
import io.lakestream.connectors.testing.ChildJvm;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.cli.LakestreamCli;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakestream repair} end to end on a real broker: a stream with late events, then a repair,
 * is equal to a full backfill of the same data (the truth), restating only the partitions the late
 * events change (version 2, with the previous checksum) and leaving every other file as it was; a
 * second repair does nothing. A repair killed for real (a child JVM that halts, as {@code kill -9}
 * would stop it) after its backfill and before its swap leaves the live lake as it was, one killed
 * in the middle of its swap leaves every committed partition old or new, and running repair again
 * completes either.
 */
class RepairITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY1 = DAY0.plusDays(1);
    private static final String PIPELINES = "ingest,user_daily,dau,top_items";
    private static final String TOPIC = "events-repair";

    @TempDir Path work;

    /** Reliability figures of the killed repairs: the truth and what the lake held after. */
    private final List<String> truthAfterKills = new ArrayList<>();

    private final List<String> readAfterKills = new ArrayList<>();
    private long slowestCompletingRepairNanos;

    @Test
    void repairRestatesExactlyTheChangedPartitionsLikeABackfillAndOnlyOnce() throws Exception {
        KAFKA.createTopic(TOPIC, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(20_000, 5)
                        .users(500)
                        .items(300)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.02)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.01)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), TOPIC).publish(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.late).isNotEmpty();

        Path lake = work.resolve("stream");
        Path truthLake = work.resolve("backfill");
        assertThat(run(lake, "--mode", "stream", "--until", "latest")).isZero();
        assertThat(
                        run(
                                truthLake,
                                "--mode",
                                "backfill",
                                "--from",
                                DAY0.toString(),
                                "--to",
                                DAY1.toString()))
                .isZero();
        Path crashLake = work.resolve("crash");
        copy(lake, crashLake);
        Path swapLake = work.resolve("crash-in-swap");
        copy(lake, swapLake);

        // what the late events change: the partitions where the stream and the truth differ
        Set<String> differing = differences(lake, truthLake);
        Set<String> expected = new TreeSet<>();
        for (GeneratedEvent e : truth.late) {
            expected.add("events " + GeneratedTruth.hourPartition(e.tsMillis()));
            expected.add("user_daily " + GeneratedTruth.datePartition(e.tsMillis()));
        }
        // dau and dau_country change only where a late event brings a user new to the date
        // (or to the date's country)
        Map<String, Set<String>> onTimeUsers = users(truth.onTime);
        users(truth.all())
                .forEach(
                        (key, users) -> {
                            if (!users.equals(onTimeUsers.get(key))) {
                                String[] dateCountry = key.split("\\|", 2);
                                expected.add(
                                        (dateCountry.length == 1 ? "dau " : "dau_country ")
                                                + dateCountry[0]);
                            }
                        });
        assertThat(differing).containsAll(expected);
        assertThat(differing.stream().filter(d -> !d.startsWith("top_items")))
                .containsExactlyInAnyOrderElementsOf(expected);
        Map<String, String> checksumsBefore = manifestChecksums(lake);
        Map<String, Long> filesBefore = files(lake);

        // with a breaker that every restated hour of events trips, the repair stops with one line
        // and the live lake unchanged
        Path rules = Files.createDirectories(work.resolve("expectations"));
        Files.writeString(
                rules.resolve("events.yaml"),
                "partition-rules: [{rule: row_count, max: 1, policy: fail-job}]");
        CliRun stopped = CliRuns.capture(repairArgs(lake, "--expectations", rules.toString()));
        assertThat(stopped.code()).as(stopped.err()).isEqualTo(2);
        assertThat(stopped.err().lines().toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "lakestream: stopped by a data-quality breaker:"
                                                        + " events/")
                                        .contains("failed row_count"));
        assertThat(manifestChecksums(lake)).isEqualTo(checksumsBefore);
        Map<String, Long> filesAfterStop = new TreeMap<>(files(lake));
        // what the stopped repair staged stays aside for inspection; the next repair removes it
        filesAfterStop.keySet().removeIf(f -> f.startsWith(".repair/"));
        assertThat(filesAfterStop).isEqualTo(filesBefore);

        // the repair: exit 3, and the lake now equals the truth
        assertThat(repair(lake)).isEqualTo(3);
        assertThat(differences(lake, truthLake)).isEmpty();
        assertOracle(lake, truth.all());
        assertThat(LakestreamCli.execute("verify", "--lake", lake.toString())).isZero();
        assertThat(lake.resolve(".repair")).doesNotExist();

        // exactly the differing partitions are restated: version 2, recording what they replaced
        Map<String, PartitionManifest> restated = restated(lake);
        assertThat(restated.keySet()).isEqualTo(differing);
        restated.forEach(
                (name, m) -> {
                    assertThat(m.version).as(name).isEqualTo(2);
                    assertThat(m.restated).as(name).containsEntry("reason", "late_events");
                    assertThat(m.restated)
                            .as(name)
                            .containsEntry("previous_checksum", checksumsBefore.get(name))
                            .containsEntry("previous_run_id", checksumsBefore.get(name + " run"))
                            .containsKey("repair_run_id");
                });
        // every other file is as it was: same names, same bytes
        Map<String, Long> filesAfter = files(lake);
        Map<String, Long> keptBefore = outside(filesBefore, restated.keySet());
        Map<String, Long> keptAfter = outside(filesAfter, restated.keySet());
        keptAfter.keySet().removeIf(f -> f.endsWith(RepairMarker.FILE_NAME));
        assertThat(keptAfter).isEqualTo(keptBefore);
        for (Partition p : LakeReader.local(lake).partitions("_late_events")) {
            assertThat(lake.resolve("_late_events").resolve(p.path()).resolve("_REPAIRED.json"))
                    .exists();
        }

        // a second repair finds nothing to do and changes no file
        assertThat(repair(lake)).isZero();
        assertThat(files(lake)).isEqualTo(filesAfter);

        // a dry run prints what would be restated and changes nothing
        Map<String, Long> crashLakeBefore = files(crashLake);
        assertThat(repair(crashLake, "--dry-run")).isEqualTo(3);
        assertThat(files(crashLake)).isEqualTo(crashLakeBefore);

        // a repair killed after its backfill and journal, before its swap changed anything live
        killRepair(crashLake, HaltingRepair.ANY, 1);
        assertThat(crashLake.resolve(".repair")).exists();
        assertThat(outside(files(crashLake), Set.of(".repair"))).isEqualTo(crashLakeBefore);
        assertRerunCompletesTheKilledRepair(crashLake, lake, truthLake, checksumsBefore, differing);

        // a repair killed in the middle of its swap, half of the partitions moved in
        killRepair(swapLake, Restatement.Step.MOVE_NEW_IN.name(), differing.size() / 2);
        assertThat(swapLake.resolve(".repair")).exists();
        assertThat(restated(swapLake).keySet())
                .isNotEmpty()
                .isSubsetOf(differing)
                .hasSizeLessThan(differing.size());
        assertRerunCompletesTheKilledRepair(swapLake, lake, truthLake, checksumsBefore, differing);
        ReliabilityRow.of(
                        "repair-killed",
                        "Backfill (repair) killed between staging and swap, and during the swap",
                        "a child JVM running `repair` halts (exit 137) after its staged backfill"
                                + " and journal, and after half of the partitions moved in; then"
                                + " repair again",
                        2,
                        truthAfterKills,
                        readAfterKills,
                        "0 (the rerun completes it)",
                        "rerun ≤ "
                                + ReliabilityRow.seconds(
                                        Duration.ofNanos(slowestCompletingRepairNanos)))
                .write();
    }

    /** The events table's rows, all partitions. */
    private static List<String> eventRows(Path lake) throws IOException {
        return LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow)
                .values()
                .stream()
                .flatMap(List::stream)
                .toList();
    }

    /**
     * Runs {@link HaltingRepair} on {@code lake} in a child JVM, which must kill itself before the
     * {@code n}-th {@code step} of the swap.
     */
    private void killRepair(Path lake, String step, int n) throws Exception {
        ChildJvm.Exit exit =
                ChildJvm.run(
                        HaltingRepair.class,
                        Duration.ofMinutes(5),
                        lake.toString(),
                        KAFKA.bootstrapServers(),
                        TOPIC,
                        work.resolve("state").toString(),
                        step,
                        Integer.toString(n));
        assertThat(exit.code()).as("the child repair" + exit.tail()).isEqualTo(ChildJvm.KILLED);
    }

    /**
     * After a kill, every committed partition is old or new; a dry run reports the pending journal
     * and changes nothing; repair completes it, and the lake equals the truth.
     */
    private void assertRerunCompletesTheKilledRepair(
            Path killed,
            Path repaired,
            Path truthLake,
            Map<String, String> checksumsBefore,
            Set<String> differing)
            throws Exception {
        assertEachCommittedPartitionIsOldOrNew(killed, repaired, checksumsBefore);
        Map<String, Long> left = files(killed);
        assertThat(repair(killed, "--dry-run")).isEqualTo(3); // reports the pending journal
        assertThat(files(killed)).isEqualTo(left);
        long start = System.nanoTime();
        assertThat(repair(killed)).isEqualTo(3);
        slowestCompletingRepairNanos =
                Math.max(slowestCompletingRepairNanos, System.nanoTime() - start);
        truthAfterKills.addAll(eventRows(truthLake));
        readAfterKills.addAll(eventRows(killed));
        assertThat(killed.resolve(".repair")).doesNotExist();
        assertThat(differences(killed, truthLake)).isEmpty();
        assertThat(restated(killed).keySet()).isEqualTo(differing);
        assertThat(LakestreamCli.execute("verify", "--lake", killed.toString())).isZero();
        assertThat(repair(killed)).isZero();
    }

    private int run(Path lake, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--pipelines",
                                PIPELINES,
                                "--lake",
                                lake.toString(),
                                "--bootstrap",
                                KAFKA.bootstrapServers(),
                                "--topic",
                                TOPIC,
                                "--web-ui-port",
                                "0",
                                "--checkpoint-interval",
                                "PT1S",
                                "--state-dir",
                                work.resolve("state").toString()));
        args.addAll(List.of(extra));
        return LakestreamCli.execute(args.toArray(String[]::new));
    }

    private int repair(Path lake, String... extra) {
        return LakestreamCli.execute(repairArgs(lake, extra));
    }

    private String[] repairArgs(Path lake, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "repair",
                                "--lake",
                                lake.toString(),
                                "--bootstrap",
                                KAFKA.bootstrapServers(),
                                "--topic",
                                TOPIC,
                                "--web-ui-port",
                                "0",
                                "--state-dir",
                                work.resolve("state").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** "table partition" of every partition whose data differs between the lakes. */
    private static Set<String> differences(Path a, Path b) throws IOException {
        LakeComparison c =
                new LakeVerifier(LakeReader.local(a))
                        .compare(LakeReader.local(b), LakeSelection.all());
        Set<String> names = new TreeSet<>();
        c.differences().forEach(d -> names.add(d.table() + " " + d.partition().path()));
        assertThat(c.leftProblems()).isEmpty();
        assertThat(c.rightProblems()).isEmpty();
        return names;
    }

    /** Manifest checksum (and, under "<name> run", run id) of every partition. */
    private static Map<String, String> manifestChecksums(Path lake) throws IOException {
        LakeReader r = LakeReader.local(lake);
        Map<String, String> m = new TreeMap<>();
        for (String table : r.tables()) {
            for (Partition p : r.partitions(table)) {
                PartitionManifest manifest = r.manifest(table, p).orElseThrow();
                m.put(table + " " + p.path(), manifest.checksum);
                m.put(table + " " + p.path() + " run", manifest.runId);
            }
        }
        return m;
    }

    /** Manifests of the restated partitions (those with a {@code restated} record). */
    private static Map<String, PartitionManifest> restated(Path lake) throws IOException {
        LakeReader r = LakeReader.local(lake);
        Map<String, PartitionManifest> m = new TreeMap<>();
        for (String table : r.tables()) {
            for (Partition p : r.partitions(table)) {
                PartitionManifest manifest = r.manifest(table, p).orElseThrow();
                if (manifest.restated != null || manifest.version != 1) {
                    m.put(table + " " + p.path(), manifest);
                }
            }
        }
        return m;
    }

    /**
     * After a crash, a reader that honours {@code _SUCCESS} sees every partition whole: its files
     * match its manifest, with the stream's content or the repaired content.
     */
    private static void assertEachCommittedPartitionIsOldOrNew(
            Path crashed, Path repaired, Map<String, String> before) throws IOException {
        LakeReader r = LakeReader.local(crashed);
        LakeReader done = LakeReader.local(repaired);
        PartitionAudit audit = new PartitionAudit(r);
        int hidden = 0;
        for (String table : r.tables()) {
            for (Partition p : r.partitions(table)) {
                if (!r.hasSuccess(table, p)) {
                    hidden++;
                    continue;
                }
                PartitionReport report = audit.audit(table, p);
                assertThat(report.problems()).as(table + " " + p).isEmpty();
                String now = report.checksumHex();
                String after = done.manifest(table, p).orElseThrow().checksum;
                assertThat(now)
                        .as(table + " " + p + " is old or new")
                        .isIn(before.get(table + " " + p.path()), after);
            }
        }
        assertThat(hidden).isLessThanOrEqualTo(1);
    }

    /** Oracle: events and user_daily rows, and dau's exact counts, from every valid event. */
    private static void assertOracle(Path lake, List<GeneratedEvent> events) throws IOException {
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(events));
        StreamBackfillITCase.assertSameRows(
                "user_daily",
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow),
                GeneratedTruth.userDaily(events));
        Map<String, Set<String>> users = new TreeMap<>();
        for (GeneratedEvent e : events) {
            users.computeIfAbsent(GeneratedTruth.datePartition(e.tsMillis()), k -> new HashSet<>())
                    .add(e.userId());
        }
        for (var p : LakeRows.records(lake, "dau").entrySet()) {
            GenericRecord row = p.getValue().get(0);
            assertThat((Long) row.get("dau_exact"))
                    .as("dau_exact " + p.getKey())
                    .isEqualTo((long) users.get(p.getKey()).size());
        }
    }

    /** Distinct users per date ("date=…") and per date and country ("date=…|country"). */
    private static Map<String, Set<String>> users(List<GeneratedEvent> events) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (GeneratedEvent e : events) {
            String date = GeneratedTruth.datePartition(e.tsMillis());
            m.computeIfAbsent(date, k -> new HashSet<>()).add(e.userId());
            m.computeIfAbsent(date + "|" + e.country(), k -> new HashSet<>()).add(e.userId());
        }
        return m;
    }

    /** Every file of the lake (relative path) with a CRC of its bytes. */
    private static Map<String, Long> files(Path lake) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(lake)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(f));
                m.put(lake.relativize(f).toString(), crc.getValue());
            }
        }
        return m;
    }

    /** The files that are not in one of the named partitions ("table date=…[/hour=…]"). */
    private static Map<String, Long> outside(Map<String, Long> files, Set<String> partitions) {
        Map<String, Long> m = new TreeMap<>(files);
        for (String p : partitions) {
            String prefix = p.replace(' ', '/') + "/";
            m.keySet().removeIf(f -> f.startsWith(prefix));
        }
        return m;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
