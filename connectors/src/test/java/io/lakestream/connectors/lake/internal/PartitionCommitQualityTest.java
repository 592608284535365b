package io.lakestream.connectors.lake.internal;

import static io.lakestream.connectors.lake.internal.CommittedFiles.marker;
import static io.lakestream.connectors.lake.internal.CommittedFiles.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lakestream.connectors.lake.LakeSink;
import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.TestTable;
import io.lakestream.connectors.lake.quality.ExpectationsFile;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import io.lakestream.connectors.lake.quality.QualityGate;
import io.lakestream.connectors.lake.quality.QualityReport;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.flink.runtime.throwable.ThrowableClassifier;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality gate in a stream's partition committer: a quarantined partition is counted in the run
 * counter, and a breach fails the operator with an error Flink does not retry.
 */
class PartitionCommitQualityTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    @TempDir Path lake;

    private LakeSinkConfig config(String policy) {
        return LakeSink.forTable(new TestTable("t"))
                .lake(lake.toString())
                .runId("r")
                .expectations(
                        ExpectationsFile.parse(
                                "partition-rules: [{rule: row_count, min: 5, policy: "
                                        + policy
                                        + "}]",
                                "expectations/t.yaml",
                                "t"))
                .build()
                .config();
    }

    private LakeCommittable committedFile(LakeSinkConfig config, Partition p, String name, int rows)
            throws Exception {
        return CommittedFiles.write(config, p, name, CommittedFiles.ones(rows));
    }

    @Test
    void aQuarantinedPartitionIsCountedAndTheNextOneStillPublished() throws Exception {
        Partition thin = Partition.hourly(DAY, 0);
        Partition full = Partition.hourly(DAY, 1);
        LakeSinkConfig config = config("quarantine-partition");
        try (var h = new OneInputStreamOperatorTestHarness<>(new PartitionCommitOperator(config))) {
            h.open();
            h.processWatermark(full.endMillis());
            h.snapshot(1, 1);
            h.processElement(message(committedFile(config, thin, "part-a.parquet", 3), 1));
            h.processElement(message(committedFile(config, full, "part-b.parquet", 5), 1));
            h.processElement(marker(1));
            assertThat(
                            h.getEnvironment()
                                    .getAccumulatorRegistry()
                                    .getUserMap()
                                    .get(QualityGate.QUARANTINED_PARTITIONS)
                                    .getLocalValue())
                    .isEqualTo(1L);
        }
        Path thinDir = lake.resolve("t").resolve(thin.path());
        assertThat(thinDir.resolve(QualityReport.QUARANTINED_FILE)).exists();
        assertThat(thinDir.resolve(PartitionManifest.SUCCESS_FILE)).doesNotExist();
        assertThat(lake.resolve("t").resolve(full.path()).resolve(PartitionManifest.SUCCESS_FILE))
                .exists();
    }

    @Test
    void aBreachFailsTheOperatorWithoutRetries() throws Exception {
        Partition thin = Partition.hourly(DAY, 0);
        Partition later = Partition.hourly(DAY, 1);
        Throwable thrown;
        LakeSinkConfig config = config("fail-job");
        try (var h = new OneInputStreamOperatorTestHarness<>(new PartitionCommitOperator(config))) {
            h.open();
            h.processWatermark(later.endMillis());
            h.snapshot(1, 1);
            h.processElement(message(committedFile(config, later, "part-b.parquet", 5), 1));
            h.processElement(message(committedFile(config, thin, "part-a.parquet", 3), 1));
            thrown = catchThrowable(() -> h.processElement(marker(1)));
        }
        assertThat(thrown).isInstanceOf(QualityBreachException.class);
        assertThat(ThrowableClassifier.getThrowableType(thrown))
                .isEqualTo(ThrowableType.NonRecoverableError);
        assertThat(((QualityBreachException) thrown).partition()).isEqualTo(thin.path());
        for (Partition p : new Partition[] {thin, later}) {
            assertThat(lake.resolve("t").resolve(p.path()).resolve(PartitionManifest.SUCCESS_FILE))
                    .as(p.path())
                    .doesNotExist();
        }
    }
}
