package io.lakestream.connectors.lake.internal;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.throwable.ThrowableClassifier;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
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

    /** A committed Parquet file of {@code rows} rows in {@code p}, with its sidecar. */
    private LakeCommittable committedFile(Partition p, String name, int rows) throws Exception {
        Path dir = lake.resolve("t").resolve(p.path());
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        try (ParquetWriter<GenericRecord> w =
                AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                        .withConf(new PlainParquetConfiguration())
                        .withSchema(new TestTable("t").schema())
                        .withDataModel(new GenericData())
                        .build()) {
            for (int i = 0; i < rows; i++) {
                GenericRecord r = new GenericData.Record(new TestTable("t").schema());
                r.put("id", name + i);
                r.put("ts", p.startMillis() + i);
                r.put("value", 1.0);
                w.write(r);
            }
        }
        LakeCommittable c =
                LakeCommittable.file(
                        p.path(),
                        name,
                        1,
                        new byte[0],
                        rows,
                        Files.size(file),
                        1,
                        p.startMillis(),
                        p.startMillis() + rows,
                        "");
        FileStats.of(c)
                .write(
                        FileSystem.getLocalFileSystem(),
                        new org.apache.flink.core.fs.Path(file.toUri()));
        return c;
    }

    private static StreamRecord<CommittableMessage<LakeCommittable>> message(
            LakeCommittable c, long checkpoint) {
        return new StreamRecord<>(new CommittableWithLineage<>(c, checkpoint, 0));
    }

    private static StreamRecord<CommittableMessage<LakeCommittable>> marker(long checkpoint) {
        return message(LakeCommittable.marker(0, 1), checkpoint);
    }

    @Test
    void aQuarantinedPartitionIsCountedAndTheNextOneStillPublished() throws Exception {
        Partition thin = Partition.hourly(DAY, 0);
        Partition full = Partition.hourly(DAY, 1);
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new PartitionCommitOperator(config("quarantine-partition")))) {
            h.open();
            h.processWatermark(full.endMillis());
            h.snapshot(1, 1);
            h.processElement(message(committedFile(thin, "part-a.parquet", 3), 1));
            h.processElement(message(committedFile(full, "part-b.parquet", 5), 1));
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
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new PartitionCommitOperator(config("fail-job")))) {
            h.open();
            h.processWatermark(later.endMillis());
            h.snapshot(1, 1);
            h.processElement(message(committedFile(later, "part-b.parquet", 5), 1));
            h.processElement(message(committedFile(thin, "part-a.parquet", 3), 1));
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
