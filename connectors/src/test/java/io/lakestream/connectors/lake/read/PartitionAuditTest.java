package io.lakestream.connectors.lake.read;

import static io.lakestream.connectors.lake.TestRows.row;
import static io.lakestream.connectors.lake.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.TestRows;
import io.lakestream.connectors.lake.read.Problem.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionAuditTest {

    private static final String TABLE = "events";
    private static final Partition HOUR = Partition.hourly(LocalDate.of(2026, 11, 2), 7);

    @TempDir Path tmp;
    private TestLake lake;
    private final List<GenericRecord> first = rows("a", 40);
    private final List<GenericRecord> second = rows("b", 15);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        lake = new TestLake(tmp);
        dir = lake.commit(TABLE, HOUR.path(), first, second);
    }

    private PartitionReport audit() throws Exception {
        return new PartitionAudit(lake.reader()).audit(TABLE, HOUR);
    }

    private static List<Kind> kinds(PartitionReport r) {
        return r.problems().stream().map(Problem::kind).toList();
    }

    @Test
    void consistentPartitionIsOkAndRecomputesTheOracleValues() throws Exception {
        PartitionReport r = audit();

        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.rows()).isEqualTo(55);
        List<GenericRecord> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(r.checksum()).isEqualTo(TestRows.oracleChecksum(all));
        assertThat(r.fileCount()).isEqualTo(2);
        long size0 = Files.size(dir.resolve("part-0.parquet"));
        long size1 = Files.size(dir.resolve("part-1.parquet"));
        assertThat(r.minFileBytes()).isEqualTo(Math.min(size0, size1));
        assertThat(r.maxFileBytes()).isEqualTo(Math.max(size0, size1));
        assertThat(r.version()).hasValue(1);
    }

    @Test
    void inProgressAndHiddenFilesAreIgnored() throws Exception {
        Files.write(dir.resolve(".part-2.parquet.inprogress.0a1b"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("_temporary"), new byte[] {1});

        assertThat(audit().problems()).isEmpty();
    }

    @Test
    void tamperedFileIsReported() throws Exception {
        List<GenericRecord> tampered = new ArrayList<>(second);
        tampered.set(4, row("b-4", "user-4", 4, 999.0, 24, 1_795_000_004_000L));
        TestLake.writeParquet(dir.resolve("part-1.parquet"), tampered);

        PartitionReport r = audit();

        assertThat(kinds(r)).contains(Kind.FILE_MISMATCH, Kind.CHECKSUM_MISMATCH);
        assertThat(kinds(r)).doesNotContain(Kind.ROWS_MISMATCH);
        assertThat(r.problems().toString()).contains("part-1.parquet");
    }

    @Test
    void extraVisibleFileIsReported() throws Exception {
        TestLake.writeParquet(dir.resolve("part-9.parquet"), rows("c", 3));

        PartitionReport r = audit();

        assertThat(kinds(r))
                .containsExactlyInAnyOrder(
                        Kind.FILE_NOT_IN_MANIFEST, Kind.ROWS_MISMATCH, Kind.CHECKSUM_MISMATCH);
        assertThat(r.rows()).isEqualTo(58);
        assertThat(r.problems().get(0).message()).contains("part-9.parquet");
    }

    @Test
    void missingSuccessIsReported() throws Exception {
        Files.delete(dir.resolve(PartitionManifest.SUCCESS_FILE));

        assertThat(kinds(audit())).containsExactly(Kind.MISSING_SUCCESS);
    }

    @Test
    void aQuarantinedPartitionSaysWhy() throws Exception {
        Files.delete(dir.resolve(PartitionManifest.SUCCESS_FILE));
        Files.writeString(
                dir.resolve("_QUARANTINED"),
                "mean(price) = 10412.3, expected <= 1000 (quarantine-partition)\n");

        PartitionReport r = audit();

        assertThat(kinds(r)).containsExactly(Kind.QUARANTINED);
        assertThat(r.problems().get(0).message())
                .isEqualTo(
                        "quarantined by its quality rules, not committed: mean(price) = 10412.3,"
                                + " expected <= 1000 (quarantine-partition) (see _QUALITY.json)");
    }

    @Test
    void rowsMismatchWithTheManifestIsReported() throws Exception {
        PartitionManifest m = TestLake.readManifest(dir);
        m.rows = 56;
        TestLake.writeManifest(dir, m);

        PartitionReport r = audit();

        assertThat(kinds(r)).containsExactly(Kind.ROWS_MISMATCH);
        assertThat(r.problems().get(0).message()).contains("56").contains("55");
    }

    @Test
    void checksumMismatchWithTheManifestIsReported() throws Exception {
        PartitionManifest m = TestLake.readManifest(dir);
        m.checksum = RowChecksum.format(Long.parseUnsignedLong(m.checksum, 16) + 1);
        TestLake.writeManifest(dir, m);

        assertThat(kinds(audit())).containsExactly(Kind.CHECKSUM_MISMATCH);
    }

    @Test
    void fileListedInTheManifestButMissingOnDiskIsReported() throws Exception {
        Files.delete(dir.resolve("part-0.parquet"));

        PartitionReport r = audit();

        assertThat(kinds(r))
                .containsExactlyInAnyOrder(
                        Kind.FILE_MISSING, Kind.ROWS_MISMATCH, Kind.CHECKSUM_MISMATCH);
        assertThat(r.rows()).isEqualTo(15);
    }

    @Test
    void missingManifestIsReported() throws Exception {
        Files.delete(dir.resolve(PartitionManifest.FILE_NAME));

        PartitionReport r = audit();

        assertThat(kinds(r)).containsExactly(Kind.MISSING_MANIFEST);
        assertThat(r.rows()).isEqualTo(55);
        assertThat(r.version()).isEmpty();
    }

    @Test
    void unreadableManifestIsReported() throws Exception {
        Files.writeString(dir.resolve(PartitionManifest.FILE_NAME), "{not json");

        assertThat(kinds(audit())).containsExactly(Kind.UNREADABLE_MANIFEST);
    }

    @Test
    void visibleFileThatIsNotParquetIsReported() throws Exception {
        Files.writeString(dir.resolve("part-1.parquet"), "garbage");

        PartitionReport r = audit();

        assertThat(kinds(r))
                .containsExactlyInAnyOrder(
                        Kind.UNREADABLE_FILE, Kind.ROWS_MISMATCH, Kind.CHECKSUM_MISMATCH);
        assertThat(r.rows()).isEqualTo(40);
    }
}
