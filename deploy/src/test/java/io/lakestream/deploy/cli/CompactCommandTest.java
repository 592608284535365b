package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.compact.SparkMurmur3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code lakestream compact} and {@code lakestream stats} on a small hand-built lake. */
class CompactCommandTest {

    private static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                                    + "{\"name\":\"id\",\"type\":\"string\"},"
                                    + "{\"name\":\"n\",\"type\":\"long\"},"
                                    + "{\"name\":\"x\",\"type\":[\"null\",\"double\"]}]}");
    private static final String H7 = "date=2026-11-02/hour=07";
    private static final String H8 = "date=2026-11-02/hour=08";

    @TempDir Path tmp;
    private Path lake;

    @BeforeEach
    void setUp() throws Exception {
        lake = tmp.resolve("lake");
        commit(
                "events",
                H7,
                List.of(row("e2", 2, null)),
                List.of(row("e1", 1, 0.5)),
                List.of(row("e3", 3, 2.5)));
        commit("events", H8, List.of(row("e4", 4, 1.5)));
        commit("user_daily", "date=2026-11-02", List.of(row("u1", 1, null)));
    }

    @Test
    void compactsATableAndASecondRunChangesNothing() throws Exception {
        CliRun first = CliRun.of("compact", "--lake", lake.toString(), "--table", "events");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out().lines().toList())
                .singleElement()
                .asString()
                .startsWith("events: 2 of 2 partitions compacted, files 4 -> 2, bytes ");
        try (Stream<Path> files = Files.list(lake.resolve("events").resolve(H7))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .filteredOn(n -> !n.startsWith("."))
                    .hasSize(3)
                    .contains("_SUCCESS", "_MANIFEST.json")
                    .anyMatch(n -> n.matches("part-[0-9a-f]{16}-00000\\.parquet"));
        }
        assertThat(CliRun.of("verify", "--lake", lake.toString()).code()).isZero();

        CliRun second = CliRun.of("compact", "--lake", lake.toString(), "--table", "events");
        assertThat(second.code()).isZero();
        assertThat(second.out())
                .startsWith("events: 0 of 2 partitions compacted, files 2 -> 2")
                .contains("2 already compact");
    }

    @Test
    void bucketsEveryPartitionAsSparkWouldAndASecondRunChangesNothing() throws Exception {
        CliRun first =
                CliRun.of(
                        "compact",
                        "--lake",
                        lake.toString(),
                        "--table",
                        "events",
                        "--bucket-by",
                        "id",
                        "--buckets",
                        "4");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("events: 2 of 2 partitions compacted, files 4 -> ");
        Path dir = lake.resolve("events").resolve(H7);
        PartitionManifest m;
        try (var in = Files.newInputStream(dir.resolve(PartitionManifest.FILE_NAME))) {
            m = PartitionManifest.read(in);
        }
        assertThat(m.bucketing.column).isEqualTo("id");
        assertThat(m.bucketing.buckets).isEqualTo(4);
        assertThat(m.bucketing.hash).isEqualTo("spark-murmur3-x86-32-seed-42");
        assertThat(m.files).hasSizeBetween(1, 3); // 3 rows: no file for an empty bucket
        Set<String> ids = new HashSet<>();
        for (PartitionManifest.FileEntry f : m.files) {
            Matcher name =
                    Pattern.compile("part-[0-9a-f]{16}_(\\d{5})\\.c000\\.parquet").matcher(f.name);
            assertThat(name.matches()).as(f.name).isTrue();
            int bucket = Integer.parseInt(name.group(1));
            try (var reader =
                    AvroParquetReader.<GenericRecord>builder(
                                    new LocalInputFile(dir.resolve(f.name)),
                                    new PlainParquetConfiguration())
                            .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    String id = r.get("id").toString();
                    ids.add(id);
                    int h = SparkMurmur3.hashBytes(id.getBytes(StandardCharsets.UTF_8), 42);
                    assertThat(Math.floorMod(h, 4)).as(id).isEqualTo(bucket);
                }
            }
        }
        assertThat(ids).containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(CliRun.of("verify", "--lake", lake.toString()).code()).isZero();

        CliRun second =
                CliRun.of(
                        "compact",
                        "--lake",
                        lake.toString(),
                        "--table",
                        "events",
                        "--bucket-by",
                        "id",
                        "--buckets",
                        "4");
        assertThat(second.code()).isZero();
        assertThat(second.out())
                .startsWith("events: 0 of 2 partitions compacted")
                .contains("2 already compact");
        CliRun other =
                CliRun.of(
                        "compact",
                        "--lake",
                        lake.toString(),
                        "--table",
                        "events",
                        "--bucket-by",
                        "n",
                        "--buckets",
                        "2");
        assertThat(other.out()).startsWith("events: 2 of 2 partitions compacted");
    }

    @Test
    void compactsOnlyTheDatesAsked() {
        CliRun run =
                CliRun.of(
                        "compact",
                        "--lake",
                        lake.toString(),
                        "--table",
                        "events",
                        "--from",
                        "2026-11-03",
                        "--to",
                        "2026-11-04",
                        "--target-size",
                        "64KiB");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("events: 0 of 0 partitions compacted, files 0 -> 0");
    }

    @Test
    void refusesAPartitionThatDoesNotMatchItsManifestInOneLine() throws Exception {
        Path dir = lake.resolve("events").resolve(H7);
        PartitionManifest m;
        try (var in = Files.newInputStream(dir.resolve(PartitionManifest.FILE_NAME))) {
            m = PartitionManifest.read(in);
        }
        m.checksum = "00000000000000aa";
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());

        CliRun run = CliRun.of("compact", "--lake", lake.toString(), "--table", "events");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("lakestream: events " + H7)
                .contains("00000000000000aa")
                .contains("run verify");
    }

    @Test
    void statsReportsEveryTableAndFlagsCrowdedPartitions() {
        CliRun run = CliRun.of("stats", "--lake", lake.toString(), "--max-files", "2");
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith("events: 2 partitions, 4 files, 4 rows, ")
                .contains("file size median ")
                .endsWith("1 partitions with more than 2 files");
        assertThat(lines.get(1)).startsWith("  MANY FILES events " + H7 + ": 3 files, ");
        assertThat(lines.get(2))
                .startsWith("user_daily: 1 partitions, 1 files, 1 rows")
                .endsWith("no partition has more than 2 files");

        CliRun after = CliRun.of("compact", "--lake", lake.toString(), "--table", "events");
        assertThat(after.code()).isZero();
        CliRun again = CliRun.of("stats", "--lake", lake.toString(), "--table", "events");
        assertThat(again.out()).startsWith("events: 2 partitions, 2 files, 4 rows, ");
    }

    @Test
    void targetSizesParseInBinaryUnits() {
        assertThat(CompactCommand.parseSize("128MB")).isEqualTo(128L << 20);
        assertThat(CompactCommand.parseSize("128mib")).isEqualTo(128L << 20);
        assertThat(CompactCommand.parseSize("512 KB")).isEqualTo(512L << 10);
        assertThat(CompactCommand.parseSize("1g")).isEqualTo(1L << 30);
        assertThat(CompactCommand.parseSize("4096")).isEqualTo(4096);
    }

    static Stream<List<String>> userMistakes() {
        return Stream.of(
                List.of("compact"),
                List.of("compact", "--lake", "@lake"),
                List.of("compact", "--lake", "@missing", "--table", "events"),
                List.of("compact", "--lake", "@lake", "--table", "nope"),
                List.of("compact", "--lake", "@lake", "--table", "events", "--target-size", "12XB"),
                List.of("compact", "--lake", "@lake", "--table", "events", "--target-size", "0MB"),
                List.of("compact", "--lake", "@lake", "--table", "events", "--target-size", "-1"),
                List.of(
                        "compact",
                        "--lake",
                        "@lake",
                        "--table",
                        "events",
                        "--from",
                        "2026-11-05",
                        "--to",
                        "2026-11-01"),
                List.of("compact", "--lake", "@lake", "--table", "events", "--from", "2026-11-01"),
                List.of(
                        "compact",
                        "--lake",
                        "@lake",
                        "--table",
                        "events",
                        "--from",
                        "11/01/2026",
                        "--to",
                        "2026-11-02"),
                List.of("compact", "--lake", "@lake", "--table", "events", "--buckets", "4"),
                List.of("compact", "--lake", "@lake", "--table", "events", "--bucket-by", "id"),
                List.of(
                        "compact",
                        "--lake",
                        "@lake",
                        "--table",
                        "events",
                        "--bucket-by",
                        "id",
                        "--buckets",
                        "0"),
                List.of(
                        "compact",
                        "--lake",
                        "@lake",
                        "--table",
                        "events",
                        "--bucket-by",
                        "user_id",
                        "--buckets",
                        "8"),
                List.of(
                        "compact",
                        "--lake",
                        "@lake",
                        "--table",
                        "events",
                        "--bucket-by",
                        "x",
                        "--buckets",
                        "8"),
                List.of("stats"),
                List.of("stats", "--lake", "@missing"),
                List.of("stats", "--lake", "@lake", "--table", "nope"),
                List.of("stats", "--lake", "@lake", "--max-files", "0"),
                List.of("stats", "--lake", "@lake", "--max-files", "many"));
    }

    @ParameterizedTest
    @MethodSource("userMistakes")
    void userMistakeIsOneLineAndExitTwo(List<String> args) {
        String[] argv =
                args.stream()
                        .map(s -> s.startsWith("@") ? tmp.resolve(s.substring(1)).toString() : s)
                        .toArray(String[]::new);
        CliRun run = CliRun.of(argv);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines.get(0)).startsWith("lakestream: ").doesNotContain("Exception");
        if (!args.contains("many")) { // picocli adds its "Try --help" line to parse errors
            assertThat(lines).hasSize(1);
        }
    }

    private static GenericRecord row(String id, long n, Double x) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", id);
        r.put("n", n);
        r.put("x", x);
        return r;
    }

    /** Writes a partition: one Parquet file per list, a manifest and _SUCCESS. */
    @SafeVarargs
    private void commit(String table, String partition, List<GenericRecord>... files)
            throws IOException {
        Path dir = lake.resolve(table).resolve(partition);
        Files.createDirectories(dir);
        PartitionManifest m = new PartitionManifest();
        m.table = table;
        m.partition = partition;
        RowChecksum hasher = new RowChecksum();
        long total = 0;
        for (int i = 0; i < files.length; i++) {
            Path file = dir.resolve("part-" + i + ".parquet");
            long sum = 0;
            try (ParquetWriter<GenericRecord> w =
                    AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                            .withConf(new PlainParquetConfiguration())
                            .withSchema(SCHEMA)
                            .withCompressionCodec(CompressionCodecName.SNAPPY)
                            .build()) {
                for (GenericRecord r : files[i]) {
                    w.write(r);
                    sum += hasher.hash(r);
                }
            }
            m.files.add(
                    new PartitionManifest.FileEntry(
                            file.getFileName().toString(),
                            files[i].size(),
                            Files.size(file),
                            RowChecksum.format(sum)));
            m.rows += files[i].size();
            total += sum;
        }
        m.checksum = RowChecksum.format(total);
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());
        Files.createFile(dir.resolve(PartitionManifest.SUCCESS_FILE));
    }
}
