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
 * operator remembers pending partitions and writer progress across a snapshot and restore.
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
        return new OneInputStreamOperatorTestHarness<>(new PartitionCommitOperator(config()));
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

    private static StreamRecord<CommittableMessage<LakeCommittable>> message(LakeCommittable c) {
        return new StreamRecord<>(new CommittableWithLineage<>(c, 1, 0));
    }

    private Path success() {
        return lake.resolve("t").resolve(HOUR0.path()).resolve("_SUCCESS");
    }

    @Test
    void publishesWhenTheSlowestWriterPassesThePartitionEnd() throws Exception {
        long end = HOUR0.endMillis();
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(message(committedFile("part-a.parquet", 3, 5, "0:10-12")));
            h.processElement(message(LakeCommittable.progress(0, 2, end - 1)));
            assertThat(success()).as("writer 1 has not reported yet").doesNotExist();
            h.processElement(message(committedFile("part-b.parquet", 4, 6, "0:13-15,1:7-9")));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(message(LakeCommittable.progress(1, 2, end - 2)));
            assertThat(success()).as("writer 1 is just before the end").doesNotExist();
            h.processElement(message(LakeCommittable.progress(1, 2, end - 1)));
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
    }
}
