package io.lakestream.connectors.lake.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.TestRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeStatsTest {

    @TempDir Path root;

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(TableStats.median(new long[] {})).isZero();
        assertThat(TableStats.median(new long[] {5})).isEqualTo(5);
        assertThat(TableStats.median(new long[] {10, 1, 3})).isEqualTo(3);
        assertThat(TableStats.median(new long[] {10, 1, 3, 2})).isEqualTo(2); // (2 + 3) / 2
        assertThat(TableStats.median(new long[] {4, 8, 100, 1})).isEqualTo(6);
        assertThat(TableStats.median(new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 2}))
                .isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void countsPartitionsFilesRowsAndSizesAndFlagsCrowdedPartitions() throws Exception {
        TestLake lake = new TestLake(root);
        Path h7 =
                lake.commit(
                        "events",
                        "date=2026-11-02/hour=07",
                        TestRows.rows("a", 3),
                        TestRows.rows("b", 40),
                        TestRows.rows("c", 1));
        Path h8 = lake.commit("events", "date=2026-11-02/hour=08", TestRows.rows("d", 7));
        lake.commit("dau", "date=2026-11-02", TestRows.rows("e", 2), TestRows.rows("f", 2));

        List<Long> sizes = new ArrayList<>();
        for (String f : List.of("part-0.parquet", "part-1.parquet", "part-2.parquet")) {
            sizes.add(Files.size(h7.resolve(f)));
        }
        sizes.add(Files.size(h8.resolve("part-0.parquet")));
        List<Long> sorted = sizes.stream().sorted().toList();

        TableStats events = new LakeStats(lake.reader()).table("events", 2);
        assertThat(events.partitions()).isEqualTo(2);
        assertThat(events.files()).isEqualTo(4);
        assertThat(events.rows()).isEqualTo(3 + 40 + 1 + 7);
        assertThat(events.bytes()).isEqualTo(sizes.stream().mapToLong(Long::longValue).sum());
        assertThat(events.minFileBytes()).isEqualTo(sorted.get(0));
        assertThat(events.maxFileBytes()).isEqualTo(sorted.get(3));
        assertThat(events.medianFileBytes()).isEqualTo((sorted.get(1) + sorted.get(2)) / 2);
        assertThat(events.crowded())
                .containsExactly(
                        new TableStats.Crowded(
                                Partition.parse("date=2026-11-02/hour=07"),
                                3,
                                sizes.get(0) + sizes.get(1) + sizes.get(2)));

        TableStats dau = new LakeStats(lake.reader()).table("dau", 2);
        assertThat(dau.partitions()).isEqualTo(1);
        assertThat(dau.files()).isEqualTo(2);
        assertThat(dau.rows()).isEqualTo(4);
        assertThat(dau.crowded()).isEmpty();

        TableStats none = new LakeStats(lake.reader()).table("missing", 2);
        assertThat(none.partitions()).isZero();
        assertThat(none.files()).isZero();
        assertThat(none.medianFileBytes()).isZero();
    }
}
