package io.lakestream.bench.ingest;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.Charts;
import io.lakestream.bench.ReportSection;
import io.lakestream.bench.Timing;
import io.lakestream.bench.Workload;
import io.lakestream.bench.profile.JfrProfile;
import io.lakestream.pipelines.privacy.KeyStore;
import io.lakestream.pipelines.privacy.KeyStores;
import io.lakestream.pipelines.privacy.Pseudonymizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Workload 1, the ingest ceiling: the same topic read by Kafka's consumer alone (the read limit),
 * by a hand-written loop (the practical limit), by Lakestream's ingest and, in a full bench ({@code
 * --full}), by Lakestream's ingest with pseudonymisation (issue 6's cost of it, in the same run),
 * alternating, {@code runs} times each. Lakestream's rows must equal the hand-written loop's (both
 * drop malformed records and duplicates; the data has no late events), or the workload fails; the
 * pseudonymized lake must hold as many rows and distinct users as the clear one, every user id a
 * 64-hex pseudonym.
 *
 * <p>The pseudonymized runs find every user's key in place: the keys are created once, before the
 * timed runs, in bulk ({@code KeyStore.keysOf}). Each run still starts with empty pseudonym caches,
 * as a restarted stream does, so each task reads the store once per user it sees.
 *
 * <p>Its read-limit timings are left in {@link BenchContext#earlier()} as a {@link ReadLimit}: the
 * replay workload compares itself with the same read of the same topic.
 */
public final class IngestWorkload implements Workload {

    private String bootstrap;
    private String topic;
    private Path work;
    private PrintStream log;
    private JfrProfile.Summary profile;
    private JfrProfile.Summary pseudonymizedProfile;
    private LakeCheck clearLake;
    private LakeCheck pseudonymizedLake;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public ReportSection run(BenchContext context) throws Exception {
        bootstrap = context.bootstrap();
        topic = context.topic().name();
        work = context.dir(name());
        log = context.log();
        List<Timing> timings = timings(context.runs(), context.data().users(), context.full());
        context.earlier().put(ReadLimit.class, new ReadLimit(timings.get(0)));
        return section(timings, context);
    }

    /** Kafka's bare read of the bench topic, as workload 1 timed it. */
    public record ReadLimit(Timing timing) {}

    /**
     * The contenders' timings, in the order: read limit, hand-written, Lakestream, and with {@code
     * pseudonymized} Lakestream with pseudonymisation.
     */
    private List<Timing> timings(int runs, int users, boolean pseudonymized) throws Exception {
        Timing read = new Timing("Kafka consumer, read only (1 thread)");
        Timing hand = new Timing("hand-written loop: consumer + Jackson + parquet-java (1 thread)");
        Timing lake = new Timing("Lakestream ingest (parallelism 2, exactly once, RocksDB)");
        Timing pseudo =
                new Timing("Lakestream ingest with pseudonymisation (key store, keys in place)");
        Path keyStore = work.resolve("keys.db");
        if (pseudonymized) {
            createKeys(keyStore, users);
        }
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            long n = new KafkaReadPeer(bootstrap, topic).run();
            read.add(n, seconds(t0));
            log.printf(
                    "ingest run %d/%d: read limit %,d records in %.1f s%n",
                    run, runs, n, seconds(t0));

            Path handOut = BenchFiles.clean(work.resolve("hand"));
            t0 = System.nanoTime();
            long rows = new HandWrittenIngestPeer(bootstrap, topic).run(handOut);
            hand.add(rows, seconds(t0));
            log.printf(
                    "ingest run %d/%d: hand-written %,d rows in %.1f s%n",
                    run, runs, rows, seconds(t0));

            // a lake of its own each run: a stream's consumer group is named after its lake, and
            // a run in a lake used before would go on from that run's committed offsets
            String fresh = System.currentTimeMillis() + "-" + run;
            Path lakeOut = BenchFiles.clean(work.resolve("lake-" + fresh));
            Path state = BenchFiles.clean(work.resolve("state-" + fresh));
            // the first run of each Lakestream contender is profiled (its time counts: JFR's
            // "profile" settings slowed it by up to a quarter, so the median is another run's)
            JfrProfile profiling = run == 1 ? JfrProfile.start() : null;
            t0 = System.nanoTime();
            long kept =
                    new LakestreamIngest(bootstrap, topic)
                            .run(lakeOut, state, "bench-ingest-" + run);
            lake.add(kept, seconds(t0));
            if (profiling != null) {
                try (profiling) {
                    profile = profiling.stop(work.resolve("ingest.jfr"), 15);
                }
            }
            log.printf(
                    "ingest run %d/%d: Lakestream %,d events in %.1f s%n",
                    run, runs, kept, seconds(t0));
            if (kept != rows) {
                throw new IllegalStateException(
                        "Lakestream kept " + kept + " events, the hand-written loop " + rows);
            }
            clearLake = LakeCheck.of(lakeOut);
            BenchFiles.delete(lakeOut);
            BenchFiles.delete(state);
            if (!pseudonymized) {
                continue;
            }

            Path privateOut = BenchFiles.clean(work.resolve("lake-pseudonymized-" + fresh));
            Path privateState = BenchFiles.clean(work.resolve("state-pseudonymized-" + fresh));
            // profiled in its first run too, so that a single run compares like with like
            JfrProfile privateProfiling = run == 1 ? JfrProfile.start() : null;
            t0 = System.nanoTime();
            long keptPrivate =
                    new LakestreamIngest(bootstrap, topic, keyStore.toString())
                            .run(privateOut, privateState, "bench-ingest-pseudonymized-" + run);
            pseudo.add(keptPrivate, seconds(t0));
            if (privateProfiling != null) {
                try (privateProfiling) {
                    pseudonymizedProfile =
                            privateProfiling.stop(work.resolve("ingest-pseudonymized.jfr"), 15);
                }
            }
            log.printf(
                    "ingest run %d/%d: Lakestream with pseudonymisation %,d events in %.1f s%n",
                    run, runs, keptPrivate, seconds(t0));
            pseudonymizedLake = LakeCheck.of(privateOut);
            BenchFiles.delete(privateOut);
            BenchFiles.delete(privateState);
            pseudonymizedLake.requirePseudonymsOf(clearLake);
        }
        hand.check("rows = Lakestream's events (malformed and duplicates dropped by both)");
        lake.check("events = the hand-written loop's rows");
        read.check("records = the topic's");
        if (!pseudonymized) {
            return List.of(read, hand, lake);
        }
        pseudo.check(
                String.format(
                        Locale.ROOT,
                        "rows (%,d) and distinct user_id (%,d) = Lakestream's without it; every"
                                + " user_id a 64-hex pseudonym",
                        pseudonymizedLake.rows(),
                        pseudonymizedLake.users()));
        return List.of(read, hand, lake, pseudo);
    }

    /**
     * Creates the keys of the generator's users {@code u0}..{@code u<users-1>} (untimed), so that
     * the timed runs measure pseudonymisation with the keys in place, not their creation (one
     * committed insert per user when a run creates them; ADR 0022). A store left by an earlier
     * bench is deleted first: its keys would do, but a fresh one is what the log line times.
     */
    private void createKeys(Path keyStore, int users) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(keyStore.resolveSibling(keyStore.getFileName() + suffix));
        }
        long t0 = System.nanoTime();
        try (KeyStore keys = KeyStores.open(keyStore.toString())) {
            List<String> batch = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                batch.add("u" + u);
                if (batch.size() == KEYS_PER_TRANSACTION || u == users - 1) {
                    keys.keysOf(batch);
                    batch.clear();
                }
            }
        }
        log.printf(
                "ingest: the keys of %,d users created in %.1f s (untimed)%n", users, seconds(t0));
    }

    /** Keys created per transaction: large enough that commits do not count, small on the heap. */
    private static final int KEYS_PER_TRANSACTION = 50_000;

    /** What DuckDB finds in a lake's {@code events} table: rows, distinct and non-pseudonym ids. */
    record LakeCheck(long rows, long users, long notPseudonyms) {

        static LakeCheck of(Path lake) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery(
                                    "SELECT count(*), count(DISTINCT user_id), count(*) FILTER"
                                            + " (WHERE NOT regexp_full_match(user_id,"
                                            + " '[0-9a-f]{64}')) FROM read_parquet('"
                                            + lake.resolve("events")
                                            + "/*/*/*.parquet', hive_partitioning = true)")) {
                r.next();
                return new LakeCheck(r.getLong(1), r.getLong(2), r.getLong(3));
            }
        }

        /** Fails unless this lake is {@code clear}'s rows with every user id a pseudonym. */
        void requirePseudonymsOf(LakeCheck clear) {
            if (rows != clear.rows || users != clear.users || notPseudonyms != 0) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "the pseudonymized lake has %,d rows, %,d distinct user ids, %,d"
                                        + " of them not 64-hex pseudonyms; the clear lake %,d"
                                        + " rows, %,d users",
                                rows,
                                users,
                                notPseudonyms,
                                clear.rows,
                                clear.users));
            }
            if (clear.notPseudonyms != clear.rows) {
                throw new IllegalStateException(
                        "the lake without a key store has "
                                + (clear.rows - clear.notPseudonyms)
                                + " user ids that look like pseudonyms: the check proves nothing");
            }
        }
    }

    private ReportSection section(List<Timing> ingest, BenchContext context) throws IOException {
        Timing lakestream = ingest.get(2);
        Timing pseudonymized = ingest.size() > 3 ? ingest.get(3) : null;
        StringBuilder md = new StringBuilder("## 1. Ingest ceiling\n\n");
        md.append("Kafka → decode → validate → dedup → Parquet `events`. Lakestream runs")
                .append(" `run --pipelines ingest --mode stream --until latest` (exactly once,")
                .append(" RocksDB, checkpoints every 10 s, parallelism 2, MiniCluster start")
                .append(" included)");
        if (pseudonymized != null) {
            md.append(", and again with `--key-store` (pseudonymize between validate")
                    .append(" and dedup: a SQLite key store, every user's key created before the")
                    .append(" timed runs, the default cache of")
                    .append(String.format(Locale.ROOT, " %,d", Pseudonymizer.DEFAULT_CACHE_USERS))
                    .append(" users per task, empty at each run's start as in a restarted stream)");
        }
        md.append("; the hand-written loop is one thread with no checkpoints; Kafka's")
                .append(" consumer alone is the read limit. All on the same 2 cores as the")
                .append(" broker.\n\n");
        md.append("| contender | events | seconds (median, min–max) | events/s | events/s per")
                .append(" core | Lakestream ÷ it | output check |\n");
        md.append("|---|---:|---|---:|---:|---:|---|\n");
        for (Timing t : ingest) {
            int cores = t == lakestream || t == pseudonymized ? 2 : 1;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.1f (%.1f–%.1f) | %,.0f | %,.0f | %s | %s |%n",
                            t.contender(),
                            t.events(),
                            t.medianSeconds(),
                            t.minSeconds(),
                            t.maxSeconds(),
                            t.rate(),
                            t.rate() / cores,
                            t == lakestream ? "—" : ratio(lakestream.rate() / t.rate()),
                            t.check()));
        }
        md.append("\nPer core: Lakestream's rate over its 2 task slots, the loops' over their one")
                .append(" thread; the broker shares the cores with all of them.\n\n");
        List<String> labels =
                new ArrayList<>(List.of("Kafka read only", "hand-written loop", "Lakestream"));
        if (pseudonymized != null) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "Pseudonymisation cost: with it Lakestream ingests %,.0f events/s, %s×"
                                    + " its rate without it (%+.1f %% time), same topic, runs"
                                    + " alternating.%n%n",
                            pseudonymized.rate(),
                            ratio(pseudonymized.rate() / lakestream.rate()),
                            100
                                    * (pseudonymized.medianSeconds() / lakestream.medianSeconds()
                                            - 1)));
            labels.add("Lakestream, pseudonymized");
        } else {
            md.append("Pseudonymisation's cost is measured by the full bench (`--full`), which")
                    .append(" adds Lakestream's ingest with `--key-store` to these runs.\n\n");
        }
        md.append(
                Charts.bars(
                        context.charts().resolve("ingest.png"),
                        "Ingest: events/s (median of " + lakestream.runs() + " runs)",
                        "events/s",
                        labels,
                        ingest.stream().map(Timing::rate).toList(),
                        context.chartLink()));
        md.append(
                profile.markdown(
                        "Where Lakestream's ingest spends its time",
                        "Lakestream",
                        work.resolve("ingest.jfr")));
        List<String> summary = new ArrayList<>();
        summary.add(
                String.format(
                        Locale.ROOT,
                        "Ingest: %,.0f events/s (%,.0f per core); %s× the hand-written loop, %s×"
                                + " Kafka's bare read",
                        lakestream.rate(),
                        lakestream.rate() / 2,
                        ratio(lakestream.rate() / ingest.get(1).rate()),
                        ratio(lakestream.rate() / ingest.get(0).rate())));
        if (pseudonymized != null) {
            md.append(
                    pseudonymizedProfile.markdown(
                            "Where Lakestream's ingest with pseudonymisation spends its time",
                            "pseudonymizing Lakestream",
                            work.resolve("ingest-pseudonymized.jfr")));
            summary.add(
                    String.format(
                            Locale.ROOT,
                            "Ingest with pseudonymisation (keys in place): %,.0f events/s (%,.0f"
                                    + " per core); %s× ingest without it",
                            pseudonymized.rate(),
                            pseudonymized.rate() / 2,
                            ratio(pseudonymized.rate() / lakestream.rate())));
        }
        return new ReportSection(md.toString(), summary);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
