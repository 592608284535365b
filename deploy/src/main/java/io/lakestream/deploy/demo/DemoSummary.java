package io.lakestream.deploy.demo;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.read.LakeComparison;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.PartitionAudit;
import io.lakestream.connectors.lake.read.PartitionDiff;
import io.lakestream.connectors.lake.read.PartitionReport;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The demo's closing report: per lake and table, partitions, rows and files; the late and
 * quarantined counts; and whether the stream and the backfill agree, naming which differences the
 * late events explain (the backfill is the truth for those; a repair restates them).
 */
final class DemoSummary {

    private final PrintStream out;

    DemoSummary(PrintStream out) {
        this.out = out;
    }

    void tables(String label, LakeReader lake) throws IOException {
        PartitionAudit audit = new PartitionAudit(lake);
        out.printf("%n%s lake: %s%n", label, lake.root());
        out.printf(
                "  %-14s %10s %12s %8s %10s%n", "table", "partitions", "rows", "files", "status");
        for (String table : lake.tables()) {
            long rows = 0;
            long files = 0;
            int partitions = 0;
            int problems = 0;
            for (Partition p : lake.partitions(table)) {
                PartitionReport r = audit.audit(table, p);
                partitions++;
                rows += r.rows();
                files += r.fileCount();
                problems += r.ok() ? 0 : 1;
            }
            out.printf(
                    "  %-14s %10d %12d %8d %10s%n",
                    table, partitions, rows, files, problems == 0 ? "ok" : problems + " bad");
        }
    }

    /** Partitions of the stream lake's tables that its late events belong to. */
    static Set<String> lateAffected(LakeReader stream) throws IOException {
        Set<String> affected = new TreeSet<>();
        if (!stream.tables().contains("_late_events")) {
            return affected;
        }
        for (Partition p : stream.partitions("_late_events")) {
            for (LakeFile f : stream.dataFiles("_late_events", p)) {
                stream.read(
                        f,
                        r -> {
                            long ts = (Long) r.get("event_time");
                            affected.add("events " + Partition.of(PartitionScheme.DATE_HOUR, ts));
                            Partition date = Partition.of(PartitionScheme.DATE, ts);
                            Partition hour = Partition.of(PartitionScheme.DATE_HOUR, ts);
                            affected.add("user_daily " + date);
                            affected.add("dau " + date);
                            affected.add("dau_country " + date);
                            affected.add("top_items " + hour);
                        });
            }
        }
        return affected;
    }

    /** Prints the rows of {@code training_examples} and the share with label 1. */
    static void trainingSet(PrintStream out, LakeReader lake) throws IOException {
        long[] rowsAndPositives = new long[2];
        for (Partition p : lake.partitions("training_examples")) {
            for (LakeFile f : lake.dataFiles("training_examples", p)) {
                lake.read(
                        f,
                        r -> {
                            rowsAndPositives[0]++;
                            rowsAndPositives[1] += (Integer) r.get("label");
                        });
            }
        }
        out.printf(
                "    training_examples: %,d impressions, %,d clicked within 30 min (%.1f %%)%n",
                rowsAndPositives[0],
                rowsAndPositives[1],
                rowsAndPositives[0] == 0 ? 0.0 : 100.0 * rowsAndPositives[1] / rowsAndPositives[0]);
    }

    /** The manifest checksum of every committed partition of {@code tables}, by name. */
    static Map<String, String> checksums(LakeReader lake, List<String> tables) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String table : tables) {
            for (Partition p : lake.partitions(table)) {
                lake.manifest(table, p).ifPresent(mf -> m.put(table + " " + p, mf.checksum));
            }
        }
        return m;
    }

    /** Per date, daily active users exact and by HyperLogLog, and the relative difference. */
    void dau(String label, LakeReader lake) throws IOException {
        if (!lake.tables().contains("dau")) {
            return;
        }
        out.printf("%n%s dau (exact vs HyperLogLog):%n", label);
        for (Partition p : lake.partitions("dau")) {
            for (LakeFile f : lake.dataFiles("dau", p)) {
                lake.read(
                        f,
                        r -> {
                            long exact = (Long) r.get("dau_exact");
                            long hll = (Long) r.get("dau_hll");
                            out.printf(
                                    "  %s  exact %,9d   hll %,9d   %+.2f %% (rse %.2f %%)%n",
                                    p.date(),
                                    exact,
                                    hll,
                                    exact == 0 ? 0.0 : 100.0 * (hll - exact) / exact,
                                    100 * (Double) r.get("hll_rse"));
                        });
            }
        }
    }

    void comparison(LakeComparison diff, Set<String> lateAffected) {
        int explained = 0;
        for (PartitionDiff d : diff.differences()) {
            if (lateAffected.contains(d.table() + " " + d.partition().path())) {
                explained++;
            }
        }
        int differ = diff.differences().size();
        out.printf(
                "%nStream vs backfill (%s): %d partitions equal, %d differ",
                String.join(", ", diff.tables()), diff.equalPartitions(), differ);
        if (differ == 0) {
            out.println(": EQUAL");
            return;
        }
        out.printf(
                "; %d of them hold late events (the backfill counts them, the stream records them"
                        + " in _late_events)%s%n",
                explained,
                explained == differ ? ": as expected" : ": UNEXPECTED differences remain");
    }
}
