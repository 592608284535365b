package io.lakestream.connectors.lake.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.connectors.lake.repair.RestatementPlan.Action;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partition swap of a repair, crashed before each of its steps in turn: after every crash, a
 * reader that honours {@code _SUCCESS} sees each partition either with its old files or with its
 * new ones (never a mix, never files its manifest does not list), untouched partitions keep their
 * bytes, and applying the journal again completes the repair.
 */
class RestatementTest {

    private static final String RUN = "repair-test";

    /** Restated, restated (daily), added; {@code t date=2026-11-01/hour=01} is not in the plan. */
    private static final List<String[]> PLANNED =
            List.of(
                    new String[] {"t", "date=2026-11-01/hour=00"},
                    new String[] {"t", "date=2026-11-01/hour=02"},
                    new String[] {"d", "date=2026-11-01"},
                    new String[] {"t", "date=2026-11-02/hour=05"});

    @TempDir Path tmp;

    @Test
    void aCrashBeforeAnyStepLeavesEveryPartitionOldOrNewAndARerunCompletesIt() throws Exception {
        int steps = countSteps();
        assertThat(steps).isGreaterThan(PLANNED.size() * 3);
        for (int k = 1; k <= steps; k++) {
            Path lake = Files.createDirectories(tmp.resolve("lake-" + k));
            RepairLayout layout = setUp(lake);
            Map<String, String> untouched = snapshot(lake.resolve("t/date=2026-11-01/hour=01"));
            int crashAt = k;
            int[] seen = {0};
            Restatement crashing =
                    new Restatement(
                            layout,
                            (step, what) -> {
                                if (++seen[0] == crashAt) {
                                    throw new IOException("crash before " + step + " " + what);
                                }
                            });
            assertThatThrownBy(() -> crashing.apply(crashing.readPlan()))
                    .hasMessageStartingWith("crash before");

            assertReadersSeeOldOrNew(lake);
            assertThat(snapshot(lake.resolve("t/date=2026-11-01/hour=01"))).isEqualTo(untouched);

            Restatement rerun = new Restatement(layout, Restatement.Hook.NONE);
            RestatementPlan plan = rerun.readPlan();
            if (plan != null) { // a crash before clean-up: the journal is still there
                rerun.apply(plan);
            }
            assertCompleted(lake);
            assertThat(snapshot(lake.resolve("t/date=2026-11-01/hour=01"))).isEqualTo(untouched);
        }
    }

    @Test
    void applyingACompletedJournalAgainChangesNothing() throws Exception {
        Path lake = Files.createDirectories(tmp.resolve("lake"));
        RepairLayout layout = setUp(lake);
        Restatement r = new Restatement(layout, Restatement.Hook.NONE);
        RestatementPlan plan = r.readPlan();
        r.apply(plan);
        assertCompleted(lake);
        Map<String, String> after = snapshot(lake);
        // the journal is gone; applying its content again finds every step done
        new Restatement(layout, Restatement.Hook.NONE).apply(plan);
        assertThat(snapshot(lake).keySet()).isEqualTo(after.keySet());
    }

    /**
     * A restated partition that failed a {@code quarantine-partition} rule in the repair's backfill
     * comes in quarantined: the old content is gone from readers, the new one is not shown.
     */
    @Test
    void aQuarantinedNewVersionComesInWithoutSuccess() throws Exception {
        Path lake = Files.createDirectories(tmp.resolve("quarantined"));
        RepairLayout layout = setUp(lake);
        String[] held = PLANNED.get(0);
        Path staged = lake.resolve(".repair").resolve(RUN).resolve("lake");
        Files.writeString(
                staged.resolve(held[0]).resolve(held[1]).resolve(QualityReport.QUARANTINED_FILE),
                "row_count = 2, expected >= 5 (quarantine-partition)\n");
        Restatement r = new Restatement(layout, Restatement.Hook.NONE);
        r.apply(r.readPlan());
        for (String[] p : PLANNED) {
            Path dir = lake.resolve(p[0]).resolve(p[1]);
            assertThat(visibleFiles(dir))
                    .as(p[1])
                    .containsExactlyInAnyOrder("part-new-0.parquet", "part-new-1.parquet");
            boolean quarantined = p == held;
            assertThat(Files.exists(dir.resolve(PartitionManifest.SUCCESS_FILE)))
                    .as(p[1])
                    .isEqualTo(!quarantined);
            assertThat(Files.exists(dir.resolve(QualityReport.QUARANTINED_FILE)))
                    .as(p[1])
                    .isEqualTo(quarantined);
        }
    }

    private int countSteps() throws Exception {
        Path lake = Files.createDirectories(tmp.resolve("count"));
        RepairLayout layout = setUp(lake);
        int[] steps = {0};
        Restatement r = new Restatement(layout, (step, what) -> steps[0]++);
        r.apply(r.readPlan());
        assertCompleted(lake);
        return steps[0];
    }

    /** A live lake, the staged new versions and the journal, as a repair leaves them. */
    private RepairLayout setUp(Path lake) throws IOException {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(lake.toUri());
        RepairLayout layout = new RepairLayout(root, RUN);
        Path staged = lake.resolve(".repair").resolve(RUN).resolve("lake");
        writePartition(lake.resolve("t/date=2026-11-01/hour=00"), "old", 1, true);
        writePartition(lake.resolve("t/date=2026-11-01/hour=01"), "old", 1, true);
        writePartition(lake.resolve("t/date=2026-11-01/hour=02"), "old", 1, true);
        writePartition(lake.resolve("d/date=2026-11-01"), "old", 1, true);
        Files.createDirectories(lake.resolve("_late_events/date=2026-11-01"));
        Files.writeString(lake.resolve("_late_events/date=2026-11-01/part-late.parquet"), "x");
        RestatementPlan plan = new RestatementPlan();
        plan.runId = RUN;
        plan.source = "kafka";
        plan.createdAt = "2026-11-25T00:00:00Z";
        for (String[] p : PLANNED) {
            boolean added = p[1].contains("2026-11-02");
            writePartition(staged.resolve(p[0]).resolve(p[1]), "new", added ? 1 : 2, false);
            RestatementPlan.Entry e = new RestatementPlan.Entry();
            e.table = p[0];
            e.partition = p[1];
            e.action = added ? Action.ADD : Action.RESTATE;
            e.version = added ? 1 : 2;
            plan.entries.add(e);
        }
        plan.marks.add(new RepairMarker("2026-11-01", 1, "00000000000000aa", "kafka", true));
        new Restatement(layout, Restatement.Hook.NONE).writePlan(plan);
        return layout;
    }

    /** Two data files named after the content, their sidecars, a manifest, maybe _SUCCESS. */
    private static void writePartition(Path dir, String content, int version, boolean success)
            throws IOException {
        Files.createDirectories(dir);
        PartitionManifest m = new PartitionManifest();
        String folder = dir.getFileName().toString();
        m.partition =
                folder.startsWith("hour=") ? dir.getParent().getFileName() + "/" + folder : folder;
        m.version = version;
        for (int i = 0; i < 2; i++) {
            String name = "part-" + content + "-" + i + ".parquet";
            Files.writeString(dir.resolve(name), content + i);
            Files.writeString(dir.resolve("." + name + ".stats.json"), "{}");
            m.files.add(new PartitionManifest.FileEntry(name, 1, 4, "0"));
        }
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());
        if (success) {
            Files.writeString(dir.resolve(PartitionManifest.SUCCESS_FILE), "");
        }
    }

    /** Every committed partition holds exactly the files its manifest lists: all old or all new. */
    private static void assertReadersSeeOldOrNew(Path lake) throws IOException {
        for (Path success : find(lake, PartitionManifest.SUCCESS_FILE)) {
            Path dir = success.getParent();
            Set<String> visible = visibleFiles(dir);
            PartitionManifest m;
            try (InputStream in = Files.newInputStream(dir.resolve(PartitionManifest.FILE_NAME))) {
                m = PartitionManifest.read(in);
            }
            Set<String> listed = new TreeSet<>();
            m.files.forEach(f -> listed.add(f.name));
            assertThat(visible).as(dir.toString()).isEqualTo(listed);
            assertThat(
                            visible.equals(Set.of("part-old-0.parquet", "part-old-1.parquet"))
                                    || visible.equals(
                                            Set.of("part-new-0.parquet", "part-new-1.parquet")))
                    .as(dir + " holds old or new files, not a mix: " + visible)
                    .isTrue();
        }
    }

    private static void assertCompleted(Path lake) throws IOException {
        for (String[] p : PLANNED) {
            Path dir = lake.resolve(p[0]).resolve(p[1]);
            assertThat(dir.resolve(PartitionManifest.SUCCESS_FILE)).exists();
            assertThat(visibleFiles(dir))
                    .containsExactlyInAnyOrder("part-new-0.parquet", "part-new-1.parquet");
            assertThat(Files.readString(dir.resolve(PartitionManifest.FILE_NAME)))
                    .contains("\"version\" : " + (p[1].contains("2026-11-02") ? 1 : 2));
        }
        Path untouched = lake.resolve("t/date=2026-11-01/hour=01");
        assertThat(visibleFiles(untouched))
                .containsExactlyInAnyOrder("part-old-0.parquet", "part-old-1.parquet");
        assertThat(lake.resolve("_late_events/date=2026-11-01/" + RepairMarker.FILE_NAME))
                .content(StandardCharsets.UTF_8)
                .contains("00000000000000aa")
                .contains(RUN);
        assertThat(lake.resolve(".repair")).doesNotExist();
        assertThat(find(lake, ".tmp")).isEmpty();
    }

    private static Set<String> visibleFiles(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_"))
                    .forEach(names::add);
        }
        return names;
    }

    private static List<Path> find(Path root, String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !f.toString().contains("/.repair/"))
                    .forEach(found::add);
        }
        return found;
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        return files;
    }
}
