package io.lakestream.connectors.lake.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.TestRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeReaderTest {

    @TempDir Path tmp;

    @Test
    void listsTablesIncludingUnderscoreTablesButNotHiddenDirectories() throws Exception {
        TestLake lake = new TestLake(tmp);
        lake.commit("events", "date=2026-11-02/hour=07", TestRows.rows("a", 3));
        lake.commit("_late_events", "date=2026-11-02", TestRows.rows("l", 1));
        lake.commit("dau", "date=2026-11-02", TestRows.rows("d", 1));
        Files.createDirectories(tmp.resolve(".staging/events"));
        Files.createFile(tmp.resolve("README"));

        assertThat(lake.reader().tables()).containsExactly("_late_events", "dau", "events");
    }

    @Test
    void discoversDailyAndHourlyLayoutsFromTheDirectories() throws Exception {
        TestLake lake = new TestLake(tmp);
        lake.commit("events", "date=2026-11-02/hour=08", TestRows.rows("a", 1));
        lake.commit("events", "date=2026-11-02/hour=07", TestRows.rows("b", 1));
        lake.commit("events", "date=2026-11-01/hour=23", TestRows.rows("c", 1));
        lake.commit("dau", "date=2026-11-02", TestRows.rows("d", 1));
        Files.createDirectories(tmp.resolve("events/date=2026-11-03/.hour=00.inprogress"));
        Files.createDirectories(tmp.resolve("events/date=2026-11-04"));
        Files.createFile(tmp.resolve("events/date=2026-11-04/.part-0.parquet.inprogress.1"));
        Files.createDirectories(tmp.resolve("events/date=2026-11-05"));
        Files.createFile(tmp.resolve("events/date=2026-11-05/part-0.parquet"));
        Files.createDirectories(tmp.resolve("events/not-a-partition"));
        LakeReader reader = lake.reader();

        assertThat(reader.partitions("events"))
                .extracting(Partition::path)
                .containsExactly(
                        "date=2026-11-01/hour=23",
                        "date=2026-11-02/hour=07",
                        "date=2026-11-02/hour=08",
                        "date=2026-11-05");
        assertThat(reader.partitions("dau")).containsExactly(Partition.daily(day(2)));
        assertThat(reader.partitions("missing")).isEmpty();
    }

    @Test
    void dateRangeIsInclusiveAndPrunesOtherDates() throws Exception {
        TestLake lake = new TestLake(tmp);
        for (int d = 1; d <= 5; d++) {
            lake.commit("dau", "date=2026-11-0" + d, TestRows.rows("d" + d, 1));
        }
        assertThat(lake.reader().partitions("dau", day(2), day(4)))
                .containsExactly(
                        Partition.daily(day(2)), Partition.daily(day(3)), Partition.daily(day(4)));
    }

    @Test
    void dataFilesAreTheVisibleFilesOnly() throws Exception {
        TestLake lake = new TestLake(tmp);
        Path dir =
                lake.commit("dau", "date=2026-11-02", TestRows.rows("a", 2), TestRows.rows("b", 2));
        Files.createFile(dir.resolve(".part-9.parquet.inprogress.1234"));
        Files.createFile(dir.resolve("_tmp"));

        assertThat(lake.reader().dataFiles("dau", Partition.daily(day(2))))
                .extracting(LakeFile::name)
                .containsExactly("part-0.parquet", "part-1.parquet");
    }

    @Test
    void readsBackEveryRowWithItsAvroBaseTypes() throws Exception {
        TestLake lake = new TestLake(tmp);
        List<GenericRecord> rows = TestRows.rows("e", 25);
        lake.commit("events", "date=2026-11-02/hour=07", rows);
        LakeReader reader = lake.reader();
        LakeFile file = reader.dataFiles("events", Partition.hourly(day(2), 7)).get(0);

        List<GenericRecord> read = reader.readAll(file);

        assertThat(read).hasSize(25);
        assertThat(read.get(0).get("user_id")).isNull();
        assertThat(read.get(1).get("event_time")).isEqualTo(rows.get(1).get("event_time"));
        assertThat(read.get(1).get("event_time")).isInstanceOf(Long.class);
        assertThat(read)
                .extracting(r -> r.get("event_id").toString())
                .containsExactlyElementsOf(
                        rows.stream().map(r -> r.get("event_id").toString()).toList());
        assertThat(read)
                .extracting(TestRows::oracleHash)
                .containsExactlyElementsOf(rows.stream().map(TestRows::oracleHash).toList());
    }

    @Test
    void readsTheManifestAndSuccessMarker() throws Exception {
        TestLake lake = new TestLake(tmp);
        lake.commit("dau", "date=2026-11-02", TestRows.rows("a", 4));
        lake.writeFiles("dau", "date=2026-11-03", TestRows.rows("b", 1));
        LakeReader reader = lake.reader();

        assertThat(reader.hasSuccess("dau", Partition.daily(day(2)))).isTrue();
        assertThat(reader.manifest("dau", Partition.daily(day(2))).orElseThrow().rows).isEqualTo(4);
        assertThat(reader.hasSuccess("dau", Partition.daily(day(3)))).isFalse();
        assertThat(reader.manifest("dau", Partition.daily(day(3)))).isEmpty();
    }

    @Test
    void opensALocalLakeFromAPlainPathOrAFileUri() throws Exception {
        assertThat(LakeReader.of(tmp.toString()).exists()).isTrue();
        assertThat(LakeReader.of(tmp.toUri().toString()).exists()).isTrue();
        assertThat(LakeReader.of(tmp.resolve("nope").toString()).exists()).isFalse();
    }

    static LocalDate day(int d) {
        return LocalDate.of(2026, 11, d);
    }
}
