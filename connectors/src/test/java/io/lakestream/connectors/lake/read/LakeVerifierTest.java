package io.lakestream.connectors.lake.read;

import static io.lakestream.connectors.lake.TestRows.row;
import static io.lakestream.connectors.lake.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeVerifierTest {

    @TempDir Path tmp;
    private TestLake stream;
    private TestLake backfill;
    private final List<GenericRecord> h7 = rows("h7", 60);
    private final List<GenericRecord> h8 = rows("h8", 30);
    private final List<GenericRecord> dau = rows("dau", 1);

    @BeforeEach
    void setUp() throws Exception {
        stream = new TestLake(tmp.resolve("stream"));
        stream.commit("events", "date=2026-11-02/hour=07", h7.subList(0, 20), h7.subList(20, 60));
        stream.commit("events", "date=2026-11-02/hour=08", h8);
        stream.commit("dau", "date=2026-11-02", dau);
        stream.commit("_late_events", "date=2026-11-02", rows("late", 2));

        // the same rows, split into other files and in another order
        backfill = new TestLake(tmp.resolve("backfill"));
        List<GenericRecord> shuffled = new ArrayList<>(h7);
        Collections.shuffle(shuffled, new Random(3));
        backfill.commit("events", "date=2026-11-02/hour=07", shuffled);
        List<GenericRecord> reversed = new ArrayList<>(h8);
        Collections.reverse(reversed);
        backfill.commit(
                "events",
                "date=2026-11-02/hour=08",
                reversed.subList(0, 7),
                reversed.subList(7, 30));
        backfill.commit("dau", "date=2026-11-02", dau);
    }

    private LakeComparison compare(LakeSelection selection) throws Exception {
        return new LakeVerifier(stream.reader()).compare(backfill.reader(), selection);
    }

    @Test
    void consistentLakeVerifiesWithOneSummaryPerTable() throws Exception {
        VerificationReport report = new LakeVerifier(stream.reader()).verify(LakeSelection.all());

        assertThat(report.consistent()).isTrue();
        assertThat(report.partitions()).hasSize(4);
        assertThat(report.tables())
                .extracting(TableSummary::table, TableSummary::partitions, TableSummary::rows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("_late_events", 1, 2L),
                        org.assertj.core.groups.Tuple.tuple("dau", 1, 1L),
                        org.assertj.core.groups.Tuple.tuple("events", 2, 90L));
        assertThat(report.tables().get(2).files()).isEqualTo(3);
    }

    @Test
    void verifyReportsOnlyTheBrokenPartition() throws Exception {
        Files.delete(stream.dir("events", "date=2026-11-02/hour=08").resolve("_SUCCESS"));

        VerificationReport report =
                new LakeVerifier(stream.reader()).verify(LakeSelection.all().tables("events"));

        assertThat(report.consistent()).isFalse();
        assertThat(report.problems())
                .extracting(p -> p.partition().path())
                .containsExactly("date=2026-11-02/hour=08");
        assertThat(report.tables().get(0).partitionsWithProblems()).isEqualTo(1);
    }

    @Test
    void sameRowsInDifferentFilesAndOrderAreEqual() throws Exception {
        LakeComparison c = compare(LakeSelection.all());

        assertThat(c.differences()).isEmpty();
        assertThat(c.equal()).isTrue();
        assertThat(c.equalPartitions()).isEqualTo(3);
        assertThat(c.tables()).containsExactly("dau", "events");
        assertThat(c.leftProblems()).isEmpty();
        assertThat(c.rightProblems()).isEmpty();
    }

    @Test
    void oneChangedRowNamesThePartition() throws Exception {
        List<GenericRecord> changed = new ArrayList<>(h8);
        changed.set(11, row("h8-11", "user-4", 11, 13.76, 31, 1_795_000_011_000L));
        backfill.commit("events", "date=2026-11-02/hour=08", changed);

        LakeComparison c = compare(LakeSelection.all());

        assertThat(c.equal()).isFalse();
        assertThat(c.equalPartitions()).isEqualTo(2);
        assertThat(c.differences()).hasSize(1);
        PartitionDiff d = c.differences().get(0);
        assertThat(d.table()).isEqualTo("events");
        assertThat(d.partition().path()).isEqualTo("date=2026-11-02/hour=08");
        assertThat(d.left().rows()).isEqualTo(d.right().rows());
        assertThat(d.left().checksum()).isNotEqualTo(d.right().checksum());
        assertThat(c.rightProblems()).isEmpty();
    }

    @Test
    void partitionInOneLakeOnlyIsADifference() throws Exception {
        backfill.commit("events", "date=2026-11-02/hour=09", rows("h9", 5));

        LakeComparison c = compare(LakeSelection.all());

        assertThat(c.differences()).hasSize(1);
        assertThat(c.differences().get(0).onlyRight()).isTrue();
        assertThat(c.differences().get(0).partition().path()).isEqualTo("date=2026-11-02/hour=09");
    }

    @Test
    void lateEventsAreComparedOnlyWhenNamed() throws Exception {
        LakeComparison c = compare(LakeSelection.all().tables("_late_events"));

        assertThat(c.differences()).hasSize(1);
        assertThat(c.differences().get(0).onlyLeft()).isTrue();
    }

    @Test
    void dateRangeLimitsTheComparison() throws Exception {
        backfill.commit("dau", "date=2026-11-03", rows("x", 1));
        LocalDate day = LocalDate.of(2026, 11, 2);

        LakeComparison c = compare(LakeSelection.all().between(day, day));

        assertThat(c.equal()).isTrue();
        assertThat(c.equalPartitions()).isEqualTo(3);
    }

    @Test
    void manifestProblemIsFlaggedSeparatelyFromEqualData() throws Exception {
        Path dir = backfill.dir("dau", "date=2026-11-02");
        PartitionManifest m = TestLake.readManifest(dir);
        m.rows = 7;
        TestLake.writeManifest(dir, m);

        LakeComparison c = compare(LakeSelection.all());

        assertThat(c.equal()).isTrue();
        assertThat(c.rightProblems())
                .extracting(PartitionReport::partition)
                .containsExactly(Partition.daily(LocalDate.of(2026, 11, 2)));
    }
}
