package io.lakestream.bench.state;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.Charts;
import io.lakestream.bench.CheckpointBreakdown;
import io.lakestream.bench.CheckpointHistory;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Workload;
import io.lakestream.pipelines.ingest.Deduplicator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Workload 4, state: the dedup + {@code user_daily} stream over a topic of its own with about half
 * as many (user, date) keys as events (5M at scale 1), once with the heap state backend and once
 * with RocksDB: throughput, checkpoint durations and sizes, and the recovery from a TaskManager
 * lost mid-run. Each run's lake must hold exactly the events and {@code user_daily} rows the
 * generator says, failure or not, or the workload fails.
 *
 * <p>One run per backend whatever {@code --runs} says: a run lasts minutes at scale 1 and holds a
 * failure, so the figures are one run's, and the table says so.
 */
public final class StateWorkload implements Workload {

    /**
     * Java heap the heap backend needs per event of the topic: the dedup ids (none expires within a
     * bench run) and a day's events in the open windows, as Java objects. Estimated from a run at
     * scale 0.2, where the live heap after a full GC (jcmd GC.run) was about 0.95 GB with half of
     * the 2M events read, the bench's own objects included. A heap too small for the topic skips
     * the heap backend, with the reason in the report, instead of failing the bench.
     */
    static final long HEAP_BYTES_PER_EVENT = 700;

    @Override
    public String name() {
        return "state";
    }

    @Override
    public ReportSection run(BenchContext context) throws Exception {
        StateTopic.Data data =
                StateTopic.ensure(
                        context.bootstrap(), StateTopic.config(context.data()), context.work());
        context.log()
                .printf(
                        "state: topic %s, %,d users; expected %,d events, %,d user_daily rows%n",
                        data.topic().name(), data.config().users(), data.events(), data.userDays());
        Map<StateBackendKind, BackendRun.Result> results = new LinkedHashMap<>();
        Map<StateBackendKind, String> skipped = new LinkedHashMap<>();
        BackendRun runner =
                new BackendRun(
                        context.bootstrap(),
                        data.topic().name(),
                        dedupIdsPerDay(data),
                        context.log());
        for (StateBackendKind backend : StateBackendKind.values()) {
            String skip = skipReason(backend, data);
            if (skip != null) {
                context.log().println("state: skipping " + backend.label + ": " + skip);
                skipped.put(backend, skip);
                continue;
            }
            String fresh =
                    backend.name().toLowerCase(Locale.ROOT) + "-" + System.currentTimeMillis();
            Path lake = BenchFiles.clean(context.dir(name()).resolve("lake-" + fresh));
            Path state = BenchFiles.clean(context.dir(name()).resolve("state-" + fresh));
            BackendRun.Result r = runner.run(backend, lake, state, "bench-state-" + fresh);
            BenchFiles.delete(lake);
            BenchFiles.delete(state);
            context.log()
                    .printf(
                            "state: %s: %,d records in %.1f s, %d checkpoints (p50 %d ms, p99 %d"
                                    + " ms), recovery %s%n",
                            backend.label,
                            r.records(),
                            r.seconds(),
                            r.checkpoints().size(),
                            r.durationP50(),
                            r.durationP99(),
                            r.recovery()
                                    .map(
                                            v ->
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%.1f s to running, %.1f s to a"
                                                                    + " checkpoint",
                                                            v.toRunningSeconds(),
                                                            v.toCheckpointSeconds()))
                                    .orElse("not measured"));
            if (r.lakeEvents() != data.events() || r.lakeUserDays() != data.userDays()) {
                throw new IllegalStateException(
                        String.format(
                                "%s: the lake holds %,d events and %,d user_daily rows, expected"
                                        + " %,d and %,d",
                                backend.label,
                                r.lakeEvents(),
                                r.lakeUserDays(),
                                data.events(),
                                data.userDays()));
            }
            results.put(backend, r);
        }
        return new StateReport(data, results, skipped, context).section();
    }

    /**
     * The dedup's Bloom filters sized as a user would for this topic: its ids per day, or the
     * default ({@link Deduplicator#DEFAULT_IDS_PER_DAY}) if that is more. At scale 10 a day holds
     * about 18.5M ids; with filters sized for the default 4M they fill up, most ids then need a
     * RocksDB read to be told new, and a first run slowed to under 5,000 events/s after 9M.
     */
    static long dedupIdsPerDay(StateTopic.Data data) {
        long perDay = (data.events() + data.config().days() - 1) / data.config().days();
        return Math.max(Deduplicator.DEFAULT_IDS_PER_DAY, perDay);
    }

    /** Why {@code backend} cannot run on this JVM's heap, or null if it can. */
    static String skipReason(StateBackendKind backend, StateTopic.Data data) {
        if (backend != StateBackendKind.HEAP) {
            return null;
        }
        long need = data.events() * HEAP_BYTES_PER_EVENT;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max * 0.8) {
            return String.format(
                    Locale.ROOT,
                    "it needs about %.1f GiB of Java heap for %,d events (%d bytes per event), more"
                            + " than 80 %% of the %.1f GiB this JVM may use; give the bench more"
                            + " (LAKESTREAM_JAVA_OPTS=-Xmx...) to include it",
                    need / GIB,
                    data.events(),
                    HEAP_BYTES_PER_EVENT,
                    max / GIB);
        }
        return null;
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    /** The workload's section of the report. */
    private record StateReport(
            StateTopic.Data data,
            Map<StateBackendKind, BackendRun.Result> results,
            Map<StateBackendKind, String> skipped,
            BenchContext context) {

        ReportSection section() throws IOException {
            StringBuilder md = new StringBuilder("## 4. State: heap vs RocksDB\n\n");
            md.append(
                    String.format(
                            Locale.ROOT,
                            "`run --pipelines ingest,user_daily --mode stream --until latest`"
                                    + " (parallelism 2, exactly once, checkpoints every %d s) over"
                                    + " a topic of its own (seed %d): %,d records, %,d kept"
                                    + " events of %,d users over %d days (no hot user), so `user_daily`'s day"
                                    + " windows hold %,d (user, date) keys and the dedup %,d event"
                                    + " ids; its Bloom filters are sized for %,d ids per day"
                                    + " (`--dedup-ids-per-day`: the default, or the topic's ids per"
                                    + " day if more). The job runs on a MiniCluster of 2 TaskManagers with"
                                    + " one slot each; once a checkpoint completes with a third of"
                                    + " the topic committed, TaskManager 0 is terminated (its"
                                    + " tasks fail as on a lost machine, though its disconnect is"
                                    + " noticed at once rather than after a heartbeat timeout) and"
                                    + " a replacement is started. Recovery is timed from the"
                                    + " failure to every task running again (state restored) and"
                                    + " to the first checkpoint completed after it, from the REST"
                                    + " API polled every 100 ms. All TaskManagers live in the"
                                    + " bench's JVM, so with the heap backend the lost"
                                    + " TaskManager's state is garbage in the same heap the"
                                    + " replacement restores into. One run per backend (a run holds"
                                    + " a failure and lasts minutes at scale 1), so these are one"
                                    + " run's figures, not medians; events/s is over the whole run,"
                                    + " recovery included.%n%n",
                            BackendRun.CHECKPOINT_INTERVAL.toSeconds(),
                            data.config().seed(),
                            results.isEmpty() ? 0 : results.values().iterator().next().records(),
                            data.events(),
                            data.config().users(),
                            data.config().days(),
                            data.userDays(),
                            data.events(),
                            dedupIdsPerDay(data)));
            md.append("| backend | events/s | seconds | checkpoints | checkpoint duration p50 /")
                    .append(" p99 | p50 / p99 without the final checkpoint | last checkpoint:")
                    .append(" full state / written | failure after checkpoint | tasks running")
                    .append(" again | first checkpoint after failure | output check |\n");
            md.append("|---|---:|---:|---:|---|---|---|---:|---:|---:|---|\n");
            for (BackendRun.Result r : results.values()) {
                CheckpointHistory.Completed last = r.last();
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %,.0f | %.1f | %d | %s / %s | %s | %s / %s | %s | %s | %s"
                                        + " | %s |%n",
                                r.backend().label,
                                r.recordsPerSecond(),
                                r.seconds(),
                                r.checkpoints().size(),
                                seconds(r.durationP50()),
                                seconds(r.durationP99()),
                                r.beforeTheEnd().isEmpty()
                                        ? "—"
                                        : seconds(r.beforeTheEndQuantile(0.5))
                                                + " / "
                                                + seconds(r.beforeTheEndQuantile(0.99)),
                                mib(last.stateSize()),
                                mib(last.checkpointedSize()),
                                r.recovery().map(v -> "#" + v.checkpointBefore()).orElse("—"),
                                r.recovery()
                                        .map(
                                                v ->
                                                        String.format(
                                                                Locale.ROOT,
                                                                "%.1f s",
                                                                v.toRunningSeconds()))
                                        .orElse("not measured: the input ended first"),
                                r.recovery()
                                        .map(
                                                v ->
                                                        Double.isNaN(v.toCheckpointSeconds())
                                                                ? "none before the end"
                                                                : String.format(
                                                                        Locale.ROOT,
                                                                        "%.1f s",
                                                                        v.toCheckpointSeconds()))
                                        .orElse("—"),
                                String.format(
                                        Locale.ROOT,
                                        "%,d events, %,d user_daily rows = the generator's",
                                        r.lakeEvents(),
                                        r.lakeUserDays())));
            }
            for (Map.Entry<StateBackendKind, String> s : skipped.entrySet()) {
                md.append("| ")
                        .append(s.getKey().label)
                        .append(" | skipped: ")
                        .append(s.getValue())
                        .append(" | | | | | | | | | |\n");
            }
            md.append(
                    "\nDurations are over all completed checkpoints; with fewer than 100 of them,"
                            + " p99 is the slowest. The run reads to the end of the topic and"
                            + " ends with a final checkpoint Flink takes after the end of the"
                            + " input (the sinks commit on it); it fires the last day's windows"
                            + " first, and a stream that never ends has no such checkpoint, so"
                            + " the figures without it are given too. Full state: the size of"
                            + " all state the checkpoint covers; written: what this checkpoint"
                            + " uploaded (smaller than the full state when incremental). Both as"
                            + " Flink reports them.\n\n");
            md.append(checkpointTable());
            List<Charts.Series> durations = new ArrayList<>();
            List<Charts.Series> sizes = new ArrayList<>();
            for (BackendRun.Result r : results.values()) {
                long origin = r.checkpoints().get(0).triggerMillis();
                List<Double> x =
                        r.checkpoints().stream()
                                .map(c -> (c.triggerMillis() - origin) / 1000.0)
                                .toList();
                String label = r.backend() == StateBackendKind.HEAP ? "heap" : "RocksDB";
                durations.add(
                        new Charts.Series(
                                label,
                                x,
                                r.checkpoints().stream()
                                        .map(c -> c.durationMillis() / 1000.0)
                                        .toList()));
                sizes.add(
                        new Charts.Series(
                                label + ", full state",
                                x,
                                r.checkpoints().stream()
                                        .map(c -> c.stateSize() / (1024.0 * 1024))
                                        .toList()));
            }
            List<String> summary = new ArrayList<>();
            if (!results.isEmpty()) {
                md.append(
                        Charts.lines(
                                context.charts().resolve("state-checkpoint-durations.png"),
                                "State: checkpoint duration over the run",
                                "seconds since the first checkpoint",
                                "checkpoint duration, s",
                                durations,
                                context.chartLink()));
                md.append(
                        Charts.lines(
                                context.charts().resolve("state-size.png"),
                                "State: full checkpointed state over the run",
                                "seconds since the first checkpoint",
                                "MiB",
                                sizes,
                                context.chartLink()));
                for (BackendRun.Result r : results.values()) {
                    summary.add(
                            String.format(
                                    Locale.ROOT,
                                    "State (%,d user-date keys), %s: %,.0f events/s, checkpoints"
                                            + " p50 %s / p99 %s (without the final one: p99 %s),"
                                            + " %s state; recovery %s",
                                    data.userDays(),
                                    r.backend() == StateBackendKind.HEAP ? "heap" : "RocksDB",
                                    r.recordsPerSecond(),
                                    seconds(r.durationP50()),
                                    seconds(r.durationP99()),
                                    r.beforeTheEnd().isEmpty()
                                            ? "—"
                                            : seconds(r.beforeTheEndQuantile(0.99)),
                                    mib(r.last().stateSize()),
                                    r.recovery()
                                            .map(
                                                    v ->
                                                            String.format(
                                                                    Locale.ROOT,
                                                                    "%.1f s to running",
                                                                    v.toRunningSeconds()))
                                            .orElse("not measured")));
                }
            }
            for (Map.Entry<StateBackendKind, String> s : skipped.entrySet()) {
                summary.add("State, " + s.getKey().label + ": skipped (" + s.getValue() + ")");
            }
            return new ReportSection(md.toString(), summary);
        }

        /**
         * Every completed checkpoint of every run, with the subtask it waited for and where that
         * subtask's time went, so a slow checkpoint is explained by the phase Flink measured.
         */
        private String checkpointTable() {
            StringBuilder md = new StringBuilder();
            md.append(
                    "Where each checkpoint's time went: a checkpoint completes when its slowest"
                            + " subtask acknowledges it, and that subtask's time splits into start"
                            + " delay (trigger to its first barrier: barriers queue behind the records"
                            + " in front of them, and behind whatever the task is busy with, e.g."
                            + " firing a day's windows), alignment (first to last barrier of its"
                            + " inputs), the synchronous part of its snapshot and the asynchronous"
                            + " part (the upload). Seconds since the first checkpoint; written is what"
                            + " the checkpoint uploaded, all tasks together.\n\n");
            md.append(
                    "| backend | checkpoint | triggered at | duration | waited for | start delay |"
                            + " alignment | sync | async | written | note |\n");
            md.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
            for (BackendRun.Result r : results.values()) {
                long origin = r.checkpoints().get(0).triggerMillis();
                long firstAfter =
                        r.recovery()
                                .flatMap(
                                        v ->
                                                r.checkpoints().stream()
                                                        .filter(
                                                                c ->
                                                                        c.triggerMillis()
                                                                                >= v.failedMillis())
                                                        .findFirst())
                                .map(CheckpointHistory.Completed::id)
                                .orElse(-1L);
                for (CheckpointHistory.Completed c : r.checkpoints()) {
                    CheckpointBreakdown b = r.breakdowns().get(c.id());
                    String note =
                            c.id() == firstAfter
                                    ? "first after the failure"
                                    : r.recovery()
                                                    .map(v -> v.checkpointBefore() == c.id())
                                                    .orElse(false)
                                            ? "last before the failure"
                                            : "";
                    if (c.id() == r.last().id()) {
                        note = note.isEmpty() ? "final, after the end of the input" : note;
                    }
                    if (b == null || b.subtasks().isEmpty()) {
                        md.append(
                                String.format(
                                        Locale.ROOT,
                                        "| %s | #%d | %.1f s | %s | details not kept by the REST"
                                                + " API | | | | | %s | %s |%n",
                                        shortLabel(r.backend()),
                                        c.id(),
                                        (c.triggerMillis() - origin) / 1000.0,
                                        seconds(c.durationMillis()),
                                        mib(c.checkpointedSize()),
                                        note));
                        continue;
                    }
                    CheckpointBreakdown.Subtask s = b.slowest();
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | #%d%s | %.1f s | %s | %s [%d] | %s | %s | %s | %s | %s"
                                            + " | %s |%n",
                                    shortLabel(r.backend()),
                                    c.id(),
                                    b.anyUnaligned() ? " (unaligned)" : "",
                                    (c.triggerMillis() - origin) / 1000.0,
                                    seconds(c.durationMillis()),
                                    firstOperator(s.task()),
                                    s.index(),
                                    seconds(s.startDelay()),
                                    seconds(s.alignment()),
                                    seconds(s.sync()),
                                    seconds(s.async()),
                                    mib(c.checkpointedSize()),
                                    note));
                }
            }
            for (BackendRun.Result r : results.values()) {
                long origin = r.checkpoints().get(0).triggerMillis();
                for (CheckpointHistory.Failed f : r.failed()) {
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    "%nFailed, %s: checkpoint #%d, triggered at %.1f s, given up"
                                            + " after %s: %s",
                                    shortLabel(r.backend()),
                                    f.id(),
                                    (f.triggerMillis() - origin) / 1000.0,
                                    seconds(f.failureMillis() - f.triggerMillis()),
                                    oneLine(f.message())));
                }
                if (!r.failed().isEmpty()) {
                    md.append("\n");
                }
            }
            return md.append("\n").toString();
        }

        /** Flink's failure message on one line, without its task ids' noise beyond 200 chars. */
        private static String oneLine(String message) {
            String line = message.replaceAll("\\s+", " ").trim();
            return line.length() > 200 ? line.substring(0, 200) + "…" : line;
        }

        /** A chained task's name is its operators joined by " -> ": the first names it. */
        private static String firstOperator(String task) {
            int arrow = task.indexOf(" -> ");
            return "`" + (arrow < 0 ? task : task.substring(0, arrow) + " -> …") + "`";
        }

        private static String shortLabel(StateBackendKind backend) {
            return backend == StateBackendKind.HEAP ? "heap" : "RocksDB";
        }

        private static String seconds(long millis) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }

        private static String mib(long bytes) {
            return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024));
        }
    }
}
