package io.lakestream.connectors.lake.quality;

import io.lakestream.connectors.lake.Partition;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Checks a complete partition against its table's rules just before it is published: profiles the
 * partition's files once for every rule ({@link PartitionProfiler}), evaluates each rule, and
 * decides the {@link QualityVerdict}. It writes nothing: the publisher marks the partition.
 *
 * <pre>{@code
 * QualityGate gate = new QualityGate(expectations.forTable("events"), runId);
 * Evaluation e = gate.evaluate(fs, Partition.parse("date=2026-11-01/hour=05"), files);
 * if (e.verdict() == QualityVerdict.PUBLISHED) ... write _SUCCESS
 * }</pre>
 */
public final class QualityGate {

    /**
     * The run counter (a Flink accumulator, summed over tables) and, per partition committer, the
     * metric that count the partitions held back with {@code _QUARANTINED}.
     */
    public static final String QUARANTINED_PARTITIONS = "quarantined-partitions";

    /** The Flink metric of each table's partition committer. */
    public static final String QUARANTINED_PARTITIONS_METRIC = "quarantinedPartitions";

    private final TableExpectations expectations;
    private final String runId;

    public QualityGate(TableExpectations expectations, String runId) {
        this.expectations = expectations;
        this.runId = runId;
    }

    public TableExpectations expectations() {
        return expectations;
    }

    /** Evaluates every rule on the partition made of {@code files}. */
    public Evaluation evaluate(FileSystem fs, Partition partition, List<Path> files)
            throws IOException {
        long start = System.nanoTime();
        PartitionProfile profile = new PartitionProfiler(expectations.needs()).profile(fs, files);
        List<RuleResult> results = new ArrayList<>();
        for (PartitionRule rule : expectations.rules()) {
            results.add(rule.evaluate(profile, partition));
        }
        QualityVerdict verdict = QualityVerdict.of(results);
        QualityReport report = new QualityReport();
        report.table = expectations.table();
        report.partition = partition.path();
        report.runId = runId;
        report.evaluatedAt = Instant.now().toString();
        report.expectations = expectations.source();
        report.verdict = verdict.label();
        report.rows = profile.rows();
        files.forEach(f -> report.files.add(f.getName()));
        results.forEach(r -> report.rules.add(QualityReport.Rule.of(r)));
        report.evaluationMillis = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
        return new Evaluation(verdict, results, report);
    }

    /** The gate's decision on one partition, with the report to write beside it. */
    public record Evaluation(
            QualityVerdict verdict, List<RuleResult> results, QualityReport report) {

        /** The failed rules, in file order. */
        public List<RuleResult> failed() {
            return results.stream().filter(r -> !r.passed()).toList();
        }

        /** The failed rules on one line, e.g. {@code mean(price) = 4210, expected <= 500 (...)}. */
        public String describeFailures() {
            return String.join("; ", failed().stream().map(RuleResult::describe).toList());
        }
    }
}
