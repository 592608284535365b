package io.lakestream.deploy.repair;

import io.lakestream.connectors.kafka.KafkaClientSecurity;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.quality.Expectations;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.repair.RepairLayout;
import io.lakestream.connectors.lake.repair.RepairMarker;
import io.lakestream.connectors.lake.repair.Restatement;
import io.lakestream.connectors.lake.repair.RestatementPlan;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * {@code lakestream repair}: folds the late events recorded in {@code _late_events} into the lake.
 *
 * <ol>
 *   <li>Completes an interrupted repair (a journal under {@code <lake>/.repair/}) and removes the
 *       leftovers of one interrupted before it had changed anything.
 *   <li>Reads {@code _late_events} (dates from {@code since}); a date needs repair unless its
 *       {@code _REPAIRED.json} records the same late-event checksum.
 *   <li>Backfills those dates (contiguous runs of dates, one backfill each) into a lake of its own,
 *       {@code <lake>/.repair/<run>/lake}, with the pipelines of the live lake's tables.
 *   <li>Compares each table's partitions of those dates by checksum: only partitions whose content
 *       differs (or that the live lake lacks) are restated, with the next version and a {@code
 *       restated} record in their manifests; all others keep their files.
 *   <li>Writes the journal, then swaps partition by partition ({@link Restatement}), marks the
 *       dates repaired and deletes its folder.
 * </ol>
 */
public final class Repair {

    /** The tables each pipeline writes; repair runs a pipeline if the lake has one of them. */
    static final Map<String, List<String>> TABLES_BY_PIPELINE = new LinkedHashMap<>();

    static {
        TABLES_BY_PIPELINE.put("ingest", List.of("events"));
        TABLES_BY_PIPELINE.put("user_daily", List.of("user_daily"));
        TABLES_BY_PIPELINE.put("dau", List.of("dau", "dau_country"));
        TABLES_BY_PIPELINE.put("top_items", List.of("top_items"));
    }

    static final String LATE_EVENTS = "_late_events";
    static final String LATE_EVENT_TIME = "event_time";

    /** What to repair and how to run the backfill. */
    public record Options(
            String lake,
            LocalDate since,
            boolean dryRun,
            String bootstrap,
            String topic,
            SourceKind source,
            Duration maxDelay,
            Duration lookback,
            int parallelism,
            java.nio.file.Path stateDir,
            int webUiPort,
            Duration kafkaTimeout,
            KafkaClientSecurity kafkaSecurity) {

        /** Options for a plaintext Kafka. */
        public Options(
                String lake,
                LocalDate since,
                boolean dryRun,
                String bootstrap,
                String topic,
                SourceKind source,
                Duration maxDelay,
                Duration lookback,
                int parallelism,
                java.nio.file.Path stateDir,
                int webUiPort,
                Duration kafkaTimeout) {
            this(
                    lake,
                    since,
                    dryRun,
                    bootstrap,
                    topic,
                    source,
                    maxDelay,
                    lookback,
                    parallelism,
                    stateDir,
                    webUiPort,
                    kafkaTimeout,
                    KafkaClientSecurity.PLAINTEXT);
        }
    }

    /**
     * What a repair did (or, dry, would do).
     *
     * @param restated every partition restated or added, including those of a completed journal
     * @param unchanged partitions the backfill recomputed with the same content (left alone)
     * @param notes things the user should know (partitions left alone and why)
     */
    public record Result(
            String runId,
            List<RestatementPlan.Entry> restated,
            int unchanged,
            List<LocalDate> dates,
            List<String> notes,
            long backfillMillis,
            long swapMillis) {

        /** 0: nothing restated; 3: partitions were (or, dry, would be) restated. */
        public int exitCode() {
            return restated.isEmpty() ? 0 : 3;
        }
    }

    private final Options options;
    private final Restatement.Hook hook;
    private final PrintStream out;
    private String keyStore;
    private Expectations expectations = Expectations.none();

    public Repair(Options options, Restatement.Hook hook, PrintStream out) {
        this.options = options;
        this.hook = hook;
        this.out = out;
    }

    /**
     * Restates with user ids pseudonymized by this key store (a location as {@code
     * KeyStores.normalize} returns it), as the runs that wrote a pseudonymized lake did.
     */
    public Repair withKeyStore(String location) {
        this.keyStore = location;
        return this;
    }

    /**
     * Checks the restated partitions against these rules before anything is replaced, as the runs
     * that wrote the lake did (docs/decisions/0021): a {@code fail-job} breach ends the repair with
     * the live lake unchanged.
     */
    public Repair withExpectations(Expectations expectations) {
        this.expectations = expectations;
        return this;
    }

    public Result run() throws Exception {
        LakeReader live = LakeReader.of(options.lake());
        if (!live.exists()) {
            throw new IllegalArgumentException("--lake " + options.lake() + ": no such directory");
        }
        List<RestatementPlan.Entry> restated = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (completeInterrupted(live.root(), restated, notes) && options.dryRun()) {
            notes.forEach(n -> out.println("note: " + n));
            return new Result(null, restated, 0, List.of(), notes, 0, 0);
        }

        String runId = newRunId();
        List<LateDate> pending = new ArrayList<>();
        for (LateDate d : survey(live)) {
            if (d.needsRepair(coversEvents())) {
                pending.add(d);
            }
        }
        if (pending.isEmpty()) {
            out.println(
                    restated.isEmpty()
                            ? "No late events to fold in" + since() + ": nothing to repair."
                            : "No other late events to fold in" + since() + ".");
            return new Result(runId, restated, 0, List.of(), notes, 0, 0);
        }
        List<LocalDate> dates = pending.stream().map(LateDate::date).toList();
        Set<String> liveTables = new TreeSet<>(live.tables());
        List<String> pipelines = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        TABLES_BY_PIPELINE.forEach(
                (pipeline, written) -> {
                    if (written.stream().noneMatch(liveTables::contains)) {
                        return;
                    }
                    if (pipeline.equals("ingest") && options.source().readsLake()) {
                        notes.add(
                                "events not restated: --source "
                                        + options.source().label()
                                        + " reads the events table and cannot rebuild it (ADR"
                                        + " 0007); run repair with --source kafka to restate its"
                                        + " partitions of "
                                        + dates);
                        return;
                    }
                    pipelines.add(pipeline);
                    written.stream().filter(liveTables::contains).forEach(tables::add);
                });
        out.printf(
                "Repair %s: late events in %d date(s) to fold in: %s%n",
                runId,
                pending.size(),
                String.join(
                        ", ",
                        pending.stream().map(d -> d.date() + " (" + d.rows() + ")").toList()));
        if (pipelines.isEmpty()) {
            notes.forEach(n -> out.println("note: " + n));
            out.println("The lake has no table that repair can restate.");
            return new Result(runId, restated, 0, dates, notes, 0, 0);
        }

        RepairLayout layout = new RepairLayout(live.root(), runId);
        long start = System.nanoTime();
        for (LocalDate[] range : ranges(dates)) {
            backfill(live, layout, range[0], range[1], pipelines);
        }
        long backfillMillis = (System.nanoTime() - start) / 1_000_000;

        LakeReader staged = new LakeReader(layout.stagedLake());
        Map<LocalDate, LateDate> byDate = new TreeMap<>();
        pending.forEach(d -> byDate.put(d.date(), d));
        List<RestatementPlan.Entry> entries = new ArrayList<>();
        int unchanged = 0;
        for (String table : tables) {
            for (LocalDate date : dates) {
                unchanged +=
                        StagedPartitions.compare(
                                live, staged, table, byDate.get(date), entries, notes);
            }
        }
        for (RestatementPlan.Entry e : entries) {
            out.printf(
                    "%s %s %s: version %s -> %d, rows %s -> %d, checksum %s -> %s (%d late"
                            + " events)%n",
                    options.dryRun() ? "WOULD " + e.action : e.action,
                    e.table,
                    e.partition,
                    e.previousVersion == null ? "-" : e.previousVersion,
                    e.version,
                    e.previousRows == null ? "-" : e.previousRows,
                    e.rows,
                    e.previousChecksum == null ? "-" : e.previousChecksum,
                    e.checksum,
                    e.lateEvents);
        }
        notes.forEach(n -> out.println("note: " + n));
        FileSystem fs = layout.runDir().getFileSystem();
        if (options.dryRun()) {
            fs.delete(layout.runDir(), true);
            deleteIfEmpty(fs, RepairLayout.repairRoot(live.root()));
            out.printf(
                    "Dry run: %d partition(s) would be restated, %d recomputed unchanged;"
                            + " nothing was changed.%n",
                    entries.size(), unchanged);
            entries.addAll(0, restated);
            return new Result(runId, entries, unchanged, dates, notes, backfillMillis, 0);
        }

        RestatementPlan plan = new RestatementPlan();
        plan.runId = runId;
        plan.source = options.source().label();
        plan.createdAt = Instant.now().toString();
        for (RestatementPlan.Entry e : entries) {
            StagedPartitions.prepare(fs, layout, e, runId);
        }
        plan.entries.addAll(entries);
        for (LateDate d : pending) {
            RepairMarker m =
                    new RepairMarker(
                            d.date().toString(),
                            d.rows(),
                            d.checksum(),
                            options.source().label(),
                            coversEvents());
            m.repairedAt = plan.createdAt;
            plan.marks.add(m);
        }
        long swapStart = System.nanoTime();
        Restatement restatement = new Restatement(layout, hook);
        restatement.writePlan(plan);
        restatement.apply(plan);
        long swapMillis = (System.nanoTime() - swapStart) / 1_000_000;
        restated.addAll(entries);
        out.printf(
                "Repair %s restated %d partition(s) (%d recomputed unchanged, kept as they were);"
                        + " marked %d _late_events date(s) repaired. Backfill %.1f s, swap %.1f"
                        + " s.%n",
                runId,
                entries.size(),
                unchanged,
                pending.size(),
                backfillMillis / 1000.0,
                swapMillis / 1000.0);
        return new Result(runId, restated, unchanged, dates, notes, backfillMillis, swapMillis);
    }

    /** Whether this repair rebuilds {@code events}: only a Kafka backfill can. */
    private boolean coversEvents() {
        return !options.source().readsLake();
    }

    private String since() {
        return options.since() == null ? "" : " since " + options.since();
    }

    /**
     * Completes every journal found under {@code <lake>/.repair/} (not in a dry run) and deletes
     * folders without one: a repair interrupted before its journal changed nothing live.
     *
     * @return whether a journal was found
     */
    private boolean completeInterrupted(
            Path lake, List<RestatementPlan.Entry> restated, List<String> notes)
            throws IOException {
        Path root = RepairLayout.repairRoot(lake);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return false;
        }
        boolean found = false;
        for (FileStatus s : fs.listStatus(root)) {
            String id = s.getPath().getName();
            Restatement r = new Restatement(new RepairLayout(lake, id), hook);
            RestatementPlan plan = r.readPlan();
            if (plan == null) {
                if (!options.dryRun()) {
                    fs.delete(s.getPath(), true);
                    out.println(
                            "Removed the leftovers of repair "
                                    + id
                                    + ", interrupted before it changed anything.");
                }
                continue;
            }
            found = true;
            if (options.dryRun()) {
                notes.add(
                        "repair "
                                + id
                                + " was interrupted while restating "
                                + plan.entries.size()
                                + " partition(s); run repair without --dry-run to complete it");
                restated.addAll(plan.entries);
                continue;
            }
            out.printf(
                    "Completing repair %s, interrupted while restating %d partition(s)%n",
                    id, plan.entries.size());
            r.apply(plan);
            restated.addAll(plan.entries);
        }
        deleteIfEmpty(fs, root);
        return found;
    }

    /** Every {@code _late_events} date from {@code since}: rows, checksum, event times, marker. */
    private List<LateDate> survey(LakeReader live) throws IOException {
        List<LateDate> dates = new ArrayList<>();
        RowChecksum hasher = new RowChecksum();
        for (Partition p : live.partitions(LATE_EVENTS, options.since(), null)) {
            long[] rowsAndSum = new long[2];
            List<Long> times = new ArrayList<>();
            for (LakeFile f : live.dataFiles(LATE_EVENTS, p)) {
                live.read(
                        f,
                        r -> {
                            rowsAndSum[0]++;
                            rowsAndSum[1] += hasher.hash(r);
                            times.add((Long) r.get(LATE_EVENT_TIME));
                        });
            }
            if (rowsAndSum[0] == 0) {
                continue;
            }
            Path markerFile = new Path(live.partitionPath(LATE_EVENTS, p), RepairMarker.FILE_NAME);
            RepairMarker marker = null;
            FileSystem fs = markerFile.getFileSystem();
            if (fs.exists(markerFile)) {
                try (InputStream in = fs.open(markerFile)) {
                    marker = RepairMarker.read(in);
                } catch (IOException | RuntimeException e) {
                    marker = null; // unreadable: repair the date again
                }
            }
            dates.add(
                    new LateDate(
                            p.date(),
                            rowsAndSum[0],
                            RowChecksum.format(rowsAndSum[1]),
                            times,
                            marker));
        }
        return dates;
    }

    private void backfill(
            LakeReader live,
            RepairLayout layout,
            LocalDate from,
            LocalDate to,
            List<String> pipelines)
            throws Exception {
        out.printf(
                "Backfilling %s .. %s (%s, --source %s) into %s%n",
                from, to, String.join(",", pipelines), options.source().label(), layout.runDir());
        RunSpec spec =
                RunSpec.builder()
                        .mode(RunMode.BACKFILL)
                        .lake(options.lake())
                        .bootstrap(options.bootstrap())
                        .kafkaSecurity(options.kafkaSecurity())
                        .topic(options.topic())
                        .pipelines(pipelines)
                        .range(from, to)
                        .maxDelay(options.maxDelay())
                        .lookback(options.lookback())
                        .source(options.source())
                        .runId(layout.runId())
                        .keyStore(keyStore)
                        .expectations(expectations)
                        .build();
        // plan against the live lake (a lake source reads it), then write to the repair's lake
        RunSpec planned = RunPlanner.plan(spec, options.kafkaTimeout());
        planned = planned.toBuilder().lake(layout.stagedLake().toString()).build();
        new LocalRun(
                        options.parallelism(),
                        Duration.ofSeconds(10),
                        options.stateDir(),
                        options.webUiPort())
                .execute(planned);
    }

    /** Contiguous runs of the sorted dates, as inclusive [from, to] pairs. */
    static List<LocalDate[]> ranges(List<LocalDate> dates) {
        List<LocalDate[]> ranges = new ArrayList<>();
        for (LocalDate d : new TreeSet<>(dates)) {
            LocalDate[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[1].plusDays(1).equals(d)) {
                last[1] = d;
            } else {
                ranges.add(new LocalDate[] {d, d});
            }
        }
        return ranges;
    }

    private static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
        if (fs.exists(dir)) {
            FileStatus[] children = fs.listStatus(dir);
            if (children == null || children.length == 0) {
                fs.delete(dir, false);
            }
        }
    }

    static String newRunId() {
        String time =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        return "repair-" + time + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** One date of {@code _late_events}: what it holds now, and what a repair last covered. */
    record LateDate(
            LocalDate date, long rows, String checksum, List<Long> times, RepairMarker marker) {

        boolean needsRepair(boolean coversEvents) {
            return marker == null
                    || !checksum.equalsIgnoreCase(String.valueOf(marker.lateEventsChecksum))
                    || (coversEvents && !marker.coversEvents);
        }

        long countIn(Partition p) {
            return times.stream()
                    .filter(t -> t != null && t >= p.startMillis() && t < p.endMillis())
                    .count();
        }
    }
}
