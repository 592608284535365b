package io.lakestream.connectors.lake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.LakeSink;
import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.TestTable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition is published only once every writer has reported a watermark past its end, and the
 * operator remembers pending partitions and the markers received across a snapshot and restore.
 */
class PartitionCommitOperatorTest {

    private static final Partition HOUR0 = Partition.hourly(LocalDate.of(2026, 11, 1), 0);

    @TempDir Path lake;

    private LakeSinkConfig config() {
        return LakeSink.forTable(new TestTable("t"))
                .lake(lake.toString())
                .runId("r")
                .build()
                .config();
    }

    private OneInputStreamOperatorTestHarness<CommittableMessage<LakeCommittable>, Void> harness()
            throws Exception {
        return harness(config());
    }

    private static OneInputStreamOperatorTestHarness<CommittableMessage<LakeCommittable>, Void>
            harness(LakeSinkConfig config) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new PartitionCommitOperator(config));
    }

    @Test
    void aFailedCompactionOnPublishLeavesThePartitionPublishedAsWritten() throws Exception {
        LakeSinkConfig compacting =
                LakeSink.forTable(new TestTable("t"))
                        .lake(lake.toString())
                        .runId("r")
                        .compactOnPublish(1024)
                        .build()
                        .config();
        try (var h = harness(compacting)) {
            h.open();
            h.processWatermark(HOUR0.endMillis());
            h.snapshot(1, 1);
            // the files are not Parquet: the compactor cannot read them
            h.processElement(message(committedFile("part-a.parquet", 3, 5, ""), 1, 0));
            h.processElement(message(committedFile("part-b.parquet", 4, 6, ""), 1, 1));
            h.processElement(marker(1, 0));
            h.processElement(marker(1, 1));
        }
        assertThat(success()).exists();
        Path dir = success().getParent();
        PartitionManifest m;
        try (InputStream in = Files.newInputStream(dir.resolve(PartitionManifest.FILE_NAME))) {
            m = PartitionManifest.read(in);
        }
        assertThat(m.rows).isEqualTo(7);
        assertThat(m.compaction).isNull();
        assertThat(m.files)
                .extracting(f -> f.name)
                .containsExactly("part-a.parquet", "part-b.parquet");
        assertThat(dir.resolve("part-a.parquet")).hasSize(100);
        assertThat(dir.resolve("part-b.parquet")).hasSize(100);
        try (var names = Files.list(dir)) {
            assertThat(names.map(f -> f.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(".compact."));
        }
    }

    /** A committed file as the committer leaves it: visible, with its statistics sidecar. */
    private LakeCommittable committedFile(String name, long rows, long checksum, String offsets)
            throws Exception {
        LakeCommittable c =
                LakeCommittable.file(
                        HOUR0.path(), name, 1, new byte[0], rows, 100, checksum, 10, 20, offsets);
        Path dir = lake.resolve("t").resolve(HOUR0.path());
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), new byte[100]);
        FileStats.of(c)
                .write(
                        FileSystem.getLocalFileSystem(),
                        new org.apache.flink.core.fs.Path(dir.resolve(name).toUri()));
        return c;
    }

    private static StreamRecord<CommittableMessage<LakeCommittable>> message(
            LakeCommittable c, long checkpoint, int subtask) {
        return new StreamRecord<>(new CommittableWithLineage<>(c, checkpoint, subtask));
    }

    private static StreamRecord<CommittableMessage<LakeCommittable>> marker(
            long checkpoint, int subtask) {
        return message(LakeCommittable.marker(subtask, 2), checkpoint, subtask);
    }

    private Path success() {
        return lake.resolve("t").resolve(HOUR0.path()).resolve("_SUCCESS");
    }

    @Test
    void publishesOnceTheBarrierWatermarkHasPassedAndEveryWriterHandedOver() throws Exception {
        long end = HOUR0.endMillis();
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processWatermark(end - 1);
            h.snapshot(1, 1); // barrier 1 passes with the watermark at the partition's last ms
            h.processElement(message(committedFile("part-a.parquet", 3, 5, "0:[10,12]"), 1, 0));
            h.processElement(marker(1, 0));
            assertThat(success()).as("writer 1 has not handed over checkpoint 1").doesNotExist();
            h.processElement(
                    message(committedFile("part-b.parquet", 4, 6, "0:[13,15],1:[7,9]"), 1, 1));
            snapshot = h.snapshot(2, 2);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(marker(1, 1));
            assertThat(success()).exists();
        }
        PartitionManifest m;
        try (InputStream in =
                Files.newInputStream(success().resolveSibling(PartitionManifest.FILE_NAME))) {
            m = PartitionManifest.read(in);
        }
        assertThat(m.rows).isEqualTo(7);
        assertThat(m.checksum).isEqualTo(String.format("%016x", 11L));
        assertThat(m.files)
                .extracting(f -> f.name)
                .containsExactly("part-a.parquet", "part-b.parquet");
        assertThat(m.source).containsEntry("offsets_of_rows", "0:[10,15],1:[7,9]");
    }

    @Test
    void waitsForABarrierWhoseWatermarkHasPassedThePartitionEnd() throws Exception {
        long end = HOUR0.endMillis();
        try (var h = harness()) {
            h.open();
            h.processWatermark(end - 2);
            h.snapshot(1, 1);
            h.processElement(message(committedFile("part-a.parquet", 3, 5, ""), 1, 0));
            h.processElement(marker(1, 0));
            h.processElement(marker(1, 1));
            assertThat(success()).as("watermark at barrier 1 is before the end").doesNotExist();
            h.processWatermark(end - 1);
            h.processElement(marker(1, 1));
            assertThat(success()).as("no barrier has passed with the new watermark").doesNotExist();
            h.snapshot(2, 2);
            h.processElement(marker(2, 0));
            h.processElement(marker(2, 1));
            assertThat(success()).exists();
        }
    }
}
