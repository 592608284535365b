package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.Partition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies a lake against its manifests, or compares it with another lake; the Java face of {@code
 * lakestream verify}, for the demo and the integration tests.
 *
 * <p>A comparison covers, by default, every table present in either lake except the {@link
 * #STREAM_ONLY_TABLES}: {@code _late_events} is written only by streams (a backfill has no late
 * events), so it differs between a stream and a backfill by design.
 */
public final class LakeVerifier {

    /** Tables a comparison skips unless they are named. */
    public static final Set<String> STREAM_ONLY_TABLES = Set.of("_late_events");

    private final LakeReader lake;

    public LakeVerifier(LakeReader lake) {
        this.lake = lake;
    }

    /** Audits every selected partition of the lake. */
    public VerificationReport verify(LakeSelection selection) throws IOException {
        PartitionAudit audit = new PartitionAudit(lake);
        List<PartitionReport> reports = new ArrayList<>();
        List<String> tables = selection.allTables() ? lake.tables() : selection.tables();
        for (String table : tables) {
            for (Partition p : lake.partitions(table, selection.from(), selection.to())) {
                reports.add(audit.audit(table, p));
            }
        }
        return new VerificationReport(lake.root().toString(), reports);
    }

    /** Compares the selected partitions of this lake (left) with {@code other} (right). */
    public LakeComparison compare(LakeReader other, LakeSelection selection) throws IOException {
        List<String> tables = selection.allTables() ? defaultTables(other) : selection.tables();
        PartitionAudit leftAudit = new PartitionAudit(lake);
        PartitionAudit rightAudit = new PartitionAudit(other);
        int equal = 0;
        List<PartitionDiff> diffs = new ArrayList<>();
        List<PartitionReport> leftProblems = new ArrayList<>();
        List<PartitionReport> rightProblems = new ArrayList<>();
        for (String table : tables) {
            Set<Partition> inLeft =
                    new HashSet<>(lake.partitions(table, selection.from(), selection.to()));
            Set<Partition> inRight =
                    new HashSet<>(other.partitions(table, selection.from(), selection.to()));
            Set<Partition> all = new TreeSet<>(inLeft);
            all.addAll(inRight);
            for (Partition p : all) {
                PartitionReport l = inLeft.contains(p) ? leftAudit.audit(table, p) : null;
                PartitionReport r = inRight.contains(p) ? rightAudit.audit(table, p) : null;
                addIfProblem(l, leftProblems);
                addIfProblem(r, rightProblems);
                if (l != null && r != null && l.sameContent(r)) {
                    equal++;
                } else {
                    diffs.add(new PartitionDiff(table, p, l, r));
                }
            }
        }
        return new LakeComparison(
                lake.root().toString(),
                other.root().toString(),
                tables,
                equal,
                diffs,
                leftProblems,
                rightProblems);
    }

    /** Every table in either lake, less the stream-only ones, sorted. */
    public List<String> defaultTables(LakeReader other) throws IOException {
        Set<String> tables = new TreeSet<>(lake.tables());
        tables.addAll(other.tables());
        tables.removeAll(STREAM_ONLY_TABLES);
        return List.copyOf(tables);
    }

    private static void addIfProblem(PartitionReport report, List<PartitionReport> problems) {
        if (report != null && !report.ok()) {
            problems.add(report);
        }
    }
}
