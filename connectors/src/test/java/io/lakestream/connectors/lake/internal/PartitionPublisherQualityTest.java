package io.lakestream.connectors.lake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lakestream.connectors.lake.LakeFinalizer;
import io.lakestream.connectors.lake.LakeSink;
import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.TestTable;
import io.lakestream.connectors.lake.quality.ExpectationsFile;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.connectors.lake.quality.TableExpectations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality gate inside publishing: what each verdict leaves in the partition folder (the
 * markers, the report, the manifest), that a breaker publishes nothing from the failing partition
 * on, and that a backfill's breach swaps nothing in.
 */
class PartitionPublisherQualityTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    @TempDir Path lake;

    /** Rules on the test table's {@code value} column: its mean must be at most 10. */
    private static TableExpectations meanAtMost10(String policy) {
        return ExpectationsFile.parse(
                "partition-rules: [{rule: mean, column: value, max: 10, policy: "
                        + policy
                        + "},"
                        + " {rule: row_count, min: 1, policy: fail-job}]",
                "expectations/t.yaml",
                "t");
    }

    private LakeSinkConfig stream(String table, TableExpectations rules) {
        return LakeSink.forTable(new TestTable(table))
                .lake(lake.toString())
                .runId("run-1")
                .expectations(rules)
                .build()
                .config();
    }

    /** A committed file of rows whose {@code value}s are {@code values}, with its sidecar. */
    private static void commitFile(
            LakeSinkConfig config, Partition p, String name, double... values) throws IOException {
        CommittedFiles.write(config, p, name, values);
    }

    private static Path dir(LakeSinkConfig config, Partition p) {
        return Path.of(config.writeDir().getPath()).resolve(p.path());
    }

    private static QualityReport report(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(QualityReport.FILE_NAME))) {
            return QualityReport.read(in);
        }
    }

    @Test
    void aPassingPartitionIsPublishedWithItsReport() throws IOException {
        LakeSinkConfig config = stream("t", meanAtMost10("fail-job"));
        Partition p = Partition.hourly(DAY, 1);
        commitFile(config, p, "part-0.parquet", 4, 10, 16);
        assertThat(new PartitionPublisher(config).publish(p)).isTrue();
        Path dir = dir(config, p);
        assertThat(dir.resolve(PartitionManifest.SUCCESS_FILE)).exists();
        assertThat(dir.resolve(QualityReport.QUARANTINED_FILE)).doesNotExist();
        QualityReport r = report(dir);
        assertThat(r.verdict).isEqualTo("published");
        assertThat(r.rows).isEqualTo(3);
        assertThat(r.rules).extracting(x -> x.observed).containsExactly(10.0, 3.0);
        assertThat(r.rules).extracting(x -> x.passed).containsExactly(true, true);
    }

    @Test
    void aWarningPublishesAndReports() throws IOException {
        LakeSinkConfig config = stream("t", meanAtMost10("warn"));
        Partition p = Partition.hourly(DAY, 1);
        commitFile(config, p, "part-0.parquet", 100, 200);
        PartitionPublisher publisher = new PartitionPublisher(config);
        assertThat(publisher.publish(p)).isTrue();
        assertThat(dir(config, p).resolve(PartitionManifest.SUCCESS_FILE)).exists();
        assertThat(report(dir(config, p)).rules.get(0).passed).isFalse();
        assertThat(publisher.quarantined()).isZero();
    }

    @Test
    void aQuarantinedPartitionHasMarkerReportAndManifestButNoSuccess() throws IOException {
        LakeSinkConfig config = stream("t", meanAtMost10("quarantine-partition"));
        Partition bad = Partition.hourly(DAY, 1);
        Partition good = Partition.hourly(DAY, 2);
        commitFile(config, bad, "part-0.parquet", 100, 200);
        commitFile(config, good, "part-0.parquet", 1, 2);
        PartitionPublisher publisher = new PartitionPublisher(config);
        assertThat(publisher.publishAll()).isEqualTo(1);
        assertThat(publisher.quarantined()).isEqualTo(1);
        Path dir = dir(config, bad);
        assertThat(dir.resolve(PartitionManifest.SUCCESS_FILE)).doesNotExist();
        assertThat(dir.resolve(PartitionManifest.FILE_NAME)).exists();
        assertThat(Files.readString(dir.resolve(QualityReport.QUARANTINED_FILE)))
                .isEqualTo("mean(value) = 150, expected <= 10 (quarantine-partition)\n");
        QualityReport r = report(dir);
        assertThat(r.verdict).isEqualTo("quarantined");
        assertThat(r.rules.get(0).observed).isEqualTo(150.0);
        assertThat(r.rules.get(0).max).isEqualTo(10.0);
        assertThat(dir(config, good).resolve(PartitionManifest.SUCCESS_FILE)).exists();

        // publishing again changes nothing; a later file that mends it publishes it
        assertThat(publisher.publish(bad)).isFalse();
        assertThat(publisher.quarantined()).isEqualTo(1);
        commitFile(config, bad, "part-1.parquet", -300, 0, 0, 0);
        assertThat(publisher.publish(bad)).isTrue();
        assertThat(dir.resolve(PartitionManifest.SUCCESS_FILE)).exists();
        assertThat(dir.resolve(QualityReport.QUARANTINED_FILE)).doesNotExist();
        assertThat(report(dir).verdict).isEqualTo("published");
    }

    @Test
    void aBreachPublishesNeitherThePartitionNorAnyLaterOne() throws IOException {
        LakeSinkConfig config = stream("t", meanAtMost10("fail-job"));
        Partition before = Partition.hourly(DAY, 1);
        Partition bad = Partition.hourly(DAY, 2);
        Partition after = Partition.hourly(DAY, 3);
        commitFile(config, before, "part-0.parquet", 1);
        commitFile(config, bad, "part-0.parquet", 11);
        commitFile(config, after, "part-0.parquet", 1);
        Throwable thrown = catchThrowable(() -> new PartitionPublisher(config).publishAll());
        QualityBreachException breach = QualityBreachException.find(thrown);
        assertThat(breach).isNotNull();
        assertThat(breach.table()).isEqualTo("t");
        assertThat(breach.partition()).isEqualTo(bad.path());
        assertThat(breach.getMessage())
                .startsWith(
                        "stopped by a data-quality breaker: t/date=2026-11-01/hour=02 failed"
                                + " mean(value) = 11, expected <= 10 (fail-job) [rules:"
                                + " expectations/t.yaml]")
                .doesNotContain("\n");
        assertThat(dir(config, before).resolve(PartitionManifest.SUCCESS_FILE)).exists();
        for (Partition p : List.of(bad, after)) {
            assertThat(dir(config, p).resolve(PartitionManifest.SUCCESS_FILE)).doesNotExist();
            assertThat(dir(config, p).resolve(PartitionManifest.FILE_NAME)).doesNotExist();
        }
        assertThat(report(dir(config, bad)).verdict).isEqualTo("stopped");
    }

    @Test
    void aBackfillBreachInOneTableSwapsNoTableIn() throws IOException {
        LocalDate to = DAY;
        LakeSinkConfig clean =
                LakeSink.forTable(new TestTable("a"))
                        .lake(lake.toString())
                        .runId("backfill-1")
                        .overwrite(DAY, to)
                        .build()
                        .config();
        LakeSinkConfig breaching =
                LakeSink.forTable(new TestTable("b"))
                        .lake(lake.toString())
                        .runId("backfill-1")
                        .overwrite(DAY, to)
                        .expectations(meanAtMost10("fail-job"))
                        .build()
                        .config();
        commitFile(clean, Partition.hourly(DAY, 0), "part-0.parquet", 1);
        commitFile(breaching, Partition.hourly(DAY, 0), "part-0.parquet", 50);
        Throwable thrown = catchThrowable(() -> LakeFinalizer.finishAll(List.of(clean, breaching)));
        assertThat(QualityBreachException.find(thrown)).isNotNull();
        assertThat(lake.resolve("a")).doesNotExist();
        assertThat(lake.resolve("b")).doesNotExist();

        // fixed input, a new run: both tables swap in
        LakeSinkConfig fixed =
                LakeSink.forTable(new TestTable("b"))
                        .lake(lake.toString())
                        .runId("backfill-2")
                        .overwrite(DAY, to)
                        .expectations(meanAtMost10("fail-job"))
                        .build()
                        .config();
        LakeSinkConfig cleanAgain =
                LakeSink.forTable(new TestTable("a"))
                        .lake(lake.toString())
                        .runId("backfill-2")
                        .overwrite(DAY, to)
                        .build()
                        .config();
        commitFile(cleanAgain, Partition.hourly(DAY, 0), "part-0.parquet", 1);
        commitFile(fixed, Partition.hourly(DAY, 0), "part-0.parquet", 5);
        LakeFinalizer.Finished finished = LakeFinalizer.finishAll(List.of(cleanAgain, fixed));
        assertThat(finished.published()).containsEntry("a", 1).containsEntry("b", 1);
        assertThat(lake.resolve("b/date=2026-11-01/hour=00/" + PartitionManifest.SUCCESS_FILE))
                .exists();
        assertThat(lake.resolve("a/date=2026-11-01/hour=00/" + PartitionManifest.SUCCESS_FILE))
                .exists();
    }
}
