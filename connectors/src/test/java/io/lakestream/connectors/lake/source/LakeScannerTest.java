package io.lakestream.connectors.lake.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.read.LakeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan plans from folder names and manifests alone: data files here are not Parquet at all (the
 * scan must not open them), and out-of-range folders hold corrupt manifests that would fail the
 * scan if it ever read them.
 */
class LakeScannerTest {

    private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate D3 = D1.plusDays(2);
    private static final LocalDate D4 = D1.plusDays(3);

    @TempDir Path lake;

    @BeforeEach
    void outOfRangeTraps() throws IOException {
        for (LocalDate d : List.of(D1, D4)) {
            Path dir = Files.createDirectories(lake.resolve("events/date=" + d + "/hour=00"));
            Files.writeString(dir.resolve(PartitionManifest.FILE_NAME), "{ not json");
            Files.createFile(dir.resolve(PartitionManifest.SUCCESS_FILE));
            Files.writeString(dir.resolve("part-0.parquet"), "x");
        }
        Files.createDirectories(lake.resolve("events/date=garbage"));
        Files.writeString(lake.resolve("events/not-a-partition.txt"), "x");
        // a backfill's staging copy of an in-range partition: never read
        commit(".staging/run-9/events/date=" + D2 + "/hour=05", "0:[0,99999]", "part-s.parquet");
    }

    @Test
    void readsOnlyCommittedInRangePartitionsAndTheFilesTheirManifestsName() throws IOException {
        Path h0 =
                commit(
                        "events/date=" + D2 + "/hour=00",
                        "0:[10,20],1:[5,7]",
                        "a.parquet",
                        "b.parquet");
        Files.writeString(h0.resolve("orphan.parquet"), "left by a failed attempt");
        Files.writeString(h0.resolve(".part-9.parquet.inprogress"), "in progress");
        Path h1 = commit("events/date=" + D2 + "/hour=01", "0:[21,30],2:[100,100]", "c.parquet");
        Path h2 = Files.createDirectories(lake.resolve("events/date=" + D2 + "/hour=02"));
        Files.writeString(h2.resolve("d.parquet"), "not committed yet");
        commit("events/date=" + D3 + "/hour=23", "1:[8,9]", "e.parquet");

        LakeScan scan = scanner().scan("events", PartitionScheme.DATE_HOUR, D2, D3);

        assertThat(scan.partitions())
                .extracting(p -> p.partition().path())
                .containsExactly(
                        "date=" + D2 + "/hour=00",
                        "date=" + D2 + "/hour=01",
                        "date=" + D3 + "/hour=23");
        assertThat(scan.files())
                .extracting(LakeFile::name)
                .containsExactly("a.parquet", "b.parquet", "c.parquet", "e.parquet");
        assertThat(scan.paths())
                .extracting(p -> Path.of(p.toUri()))
                .containsExactly(
                        h0.resolve("a.parquet"),
                        h0.resolve("b.parquet"),
                        h1.resolve("c.parquet"),
                        lake.resolve("events/date=" + D3 + "/hour=23/e.parquet"));
        assertThat(scan.fileCount()).isEqualTo(4);
        assertThat(scan.bytes()).isEqualTo(4L * "payload".length());
        assertThat(scan.rows()).isEqualTo(4 * 3);
        assertThat(scan.uncommitted())
                .extracting(Object::toString)
                .containsExactly("date=" + D2 + "/hour=02");
        assertThat(scan.missingDates()).isEmpty();
        assertThat(scan.messages())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("date=" + D2 + "/hour=02", "not committed");
        // pruning: only the in-range date folders and their hour folders were listed
        assertThat(scan.listedDirectories())
                .extracting(p -> lake.resolve("events").relativize(Path.of(p.toUri())).toString())
                .containsExactly(
                        "date=" + D2,
                        "date=" + D2 + "/hour=00",
                        "date=" + D2 + "/hour=01",
                        "date=" + D2 + "/hour=02",
                        "date=" + D3,
                        "date=" + D3 + "/hour=23");
        // last offset + 1 per Kafka partition, over every partition read
        assertThat(scan.nextOffsets())
                .containsExactly(Map.entry(0, 31L), Map.entry(1, 10L), Map.entry(2, 101L));
        assertThat(scan.topics()).containsExactly("events");
        assertThat(scan.partitionsWithoutOffsets()).isEmpty();
    }

    @Test
    void reportsDatesWithoutACommittedPartition() throws IOException {
        Files.createDirectories(lake.resolve("events/date=" + D3 + "/hour=00"));

        LakeScan scan = scanner().scan("events", PartitionScheme.DATE_HOUR, D2, D3);

        assertThat(scan.partitions()).isEmpty();
        assertThat(scan.missingDates()).containsExactly(D2, D3);
        assertThat(scan.uncommitted())
                .extracting(Object::toString)
                .containsExactly("date=" + D3 + "/hour=00");
        assertThat(scan.messages())
                .hasSize(3)
                .anySatisfy(m -> assertThat(m).contains(D2.toString(), "no folder"))
                .anySatisfy(m -> assertThat(m).contains(D3.toString(), "only uncommitted"));
    }

    @Test
    void dailyTableAndAnEmptyRange() throws IOException {
        commit("user_daily/date=" + D2, null, "p.parquet");
        LakeScan scan = scanner().scan("user_daily", PartitionScheme.DATE, D2, D2);
        assertThat(scan.files()).extracting(LakeFile::name).containsExactly("p.parquet");
        assertThat(scan.nextOffsets()).isEmpty();
        assertThat(scan.partitionsWithoutOffsets())
                .extracting(Object::toString)
                .containsExactly("date=" + D2);

        LakeScan none = scanner().scan("user_daily", PartitionScheme.DATE, D3, D3);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.missingDates()).containsExactly(D3);
        assertThatThrownBy(
                        () ->
                                LakeSource.of(
                                                none,
                                                (r, p) -> "x",
                                                org.apache.flink.api.common.typeinfo.Types.STRING)
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no committed partition of 'user_daily'");
    }

    @Test
    void aDamagedCommittedPartitionFailsClearly() throws IOException {
        Path dir = commit("events/date=" + D2 + "/hour=00", null, "a.parquet");
        Files.delete(dir.resolve("a.parquet"));
        assertThatThrownBy(() -> scanner().scan("events", PartitionScheme.DATE_HOUR, D2, D2))
                .isInstanceOf(LakeScanException.class)
                .hasMessageContaining("a.parquet, which is missing")
                .hasMessageContaining("lakestream verify");

        Files.delete(dir.resolve(PartitionManifest.FILE_NAME));
        assertThatThrownBy(() -> scanner().scan("events", PartitionScheme.DATE_HOUR, D2, D2))
                .isInstanceOf(LakeScanException.class)
                .hasMessageContaining("no manifest");

        // the out-of-range trap, when in range: a manifest that is not JSON
        assertThatThrownBy(() -> scanner().scan("events", PartitionScheme.DATE_HOUR, D1, D1))
                .isInstanceOf(LakeScanException.class)
                .hasMessageContaining("cannot be parsed");
    }

    @Test
    void aSchemeThatDoesNotMatchTheLayoutFailsClearly() throws IOException {
        commit("events/date=" + D2 + "/hour=00", null, "a.parquet");
        assertThatThrownBy(() -> scanner().scan("events", PartitionScheme.DATE, D2, D2))
                .isInstanceOf(LakeScanException.class)
                .hasMessageContaining("partitioned by date and hour");
    }

    private LakeScanner scanner() throws IOException {
        return LakeScanner.of(lake.toString());
    }

    /** A committed partition whose files hold 7 bytes each and whose manifest says 3 rows each. */
    private Path commit(String relative, String offsets, String... files) throws IOException {
        Path dir = Files.createDirectories(lake.resolve(relative));
        PartitionManifest m = new PartitionManifest();
        m.table = relative.substring(0, relative.indexOf('/'));
        m.partition = relative.substring(relative.indexOf("date="));
        for (String f : files) {
            Files.write(dir.resolve(f), "payload".getBytes(StandardCharsets.UTF_8));
            m.files.add(new PartitionManifest.FileEntry(f, 3, 7, "0000000000000000"));
            m.rows += 3;
        }
        m.source.put(PartitionManifest.SOURCE_TOPIC, "events");
        if (offsets != null) {
            m.source.put(PartitionManifest.SOURCE_ROW_OFFSETS, offsets);
        }
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());
        Files.createFile(dir.resolve(PartitionManifest.SUCCESS_FILE));
        return dir;
    }
}
