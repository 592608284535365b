package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.RowChecksum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyCommandTest {

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
    private Path a;
    private Path b;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void setUp() throws Exception {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        a = tmp.resolve("a");
        b = tmp.resolve("b");
        commit(a, "events", H7, List.of(row("e1", 1, 0.5), row("e2", 2, null)));
        commit(a, "events", H8, List.of(row("e3", 3, 1.5)));
        commit(a, "_late_events", "date=2026-11-02", List.of(row("late", 9, null)));
        commit(b, "events", H7, List.of(row("e2", 2, null)), List.of(row("e1", 1, 0.5)));
        commit(b, "events", H8, List.of(row("e3", 3, 1.5)));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private int run(String... args) {
        return LakestreamCli.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void consistentLakePrintsEveryPartitionAndExitsZero() {
        int code = run("verify", "--lake", a.toString());

        assertThat(code).as(err()).isZero();
        assertThat(out())
                .containsPattern("TABLE +PARTITION +ROWS +FILES +CHECKSUM +VERSION +STATUS")
                .containsPattern("events +" + H7 + " +2 +1 +[0-9a-f]{16} +1 +OK")
                .containsPattern("_late_events +date=2026-11-02 +1 +1 ")
                .contains("events: 2 partitions, 3 rows, 2 files (")
                .contains("all 3 partitions consistent");
    }

    @Test
    void partitionWithAProblemIsShownAndExitsOne() throws Exception {
        Files.delete(a.resolve("events").resolve(H8).resolve("_SUCCESS"));

        int code = run("verify", "--lake", a.toString(), "--table", "events");

        assertThat(code).isEqualTo(1);
        assertThat(out())
                .containsPattern(H8 + " .*PROBLEM: no _SUCCESS")
                .contains("events: 2 partitions, 3 rows, 2 files")
                .contains("1 of 2 partitions have problems")
                .doesNotContain("_late_events");
    }

    @Test
    void equalLakesExitZeroAndSkipLateEvents() {
        int code = run("verify", "--lake", a.toString(), "--against", b.toString());

        assertThat(code).as(out() + err()).isZero();
        assertThat(out())
                .isEqualTo(
                        String.format("compared tables: events%n2 partitions equal, 0 differ%n"));
    }

    @Test
    void changedRowNamesThePartitionAndExitsOne() throws Exception {
        commit(b, "events", H7, List.of(row("e1", 1, 0.5), row("e2", 2, 7.0)));
        commit(b, "events", "date=2026-11-03/hour=00", List.of(row("e9", 9, null)));

        int code = run("verify", "--lake", a.toString(), "--against", b.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out())
                .containsPattern(
                        "(?m)^DIFF events "
                                + H7
                                + " rows 2 vs 2 checksum [0-9a-f]{16} vs [0-9a-f]{16}$")
                .contains("DIFF events date=2026-11-03/hour=00 only in " + b)
                .contains("1 partitions equal, 2 differ");
    }

    @Test
    void dateRangeAndNamedLateEventsAreHonouredInAComparison() {
        int code =
                run(
                        "verify",
                        "--lake",
                        a.toString(),
                        "--against",
                        b.toString(),
                        "--table",
                        "_late_events,events",
                        "--from",
                        "2026-11-02",
                        "--to",
                        "2026-11-02");

        assertThat(code).isEqualTo(1);
        assertThat(out())
                .contains("DIFF _late_events date=2026-11-02 only in " + a)
                .contains("2 partitions equal, 1 differ");
    }

    @Test
    void helpExplainsWhyLateEventsAreNotCompared() {
        assertThat(run("verify", "--help")).isZero();
        assertThat(out()).contains("_late_events").contains("--against");
    }

    static Stream<List<String>> userMistakes() {
        return Stream.of(
                List.of(),
                List.of("--lake", "@missing"),
                List.of("--lake", "@a", "--against", "@missing"),
                List.of("--lake", "@a", "--from", "2026-11-05", "--to", "2026-11-01"),
                List.of("--lake", "@a", "--from", "2026-11-01"),
                List.of("--lake", "@a", "--to", "2026-11-01"),
                List.of("--lake", "@a", "--from", "2026-13-01", "--to", "2026-12-01"),
                List.of("--lake", "@a", "--table", "nope"),
                List.of("--lake", "@a", "--bogus"));
    }

    @ParameterizedTest
    @MethodSource("userMistakes")
    void userMistakeIsOneLineAndExitTwo(List<String> args) {
        String[] argv =
                Stream.concat(
                                Stream.of("verify"),
                                args.stream()
                                        .map(
                                                s ->
                                                        s.startsWith("@")
                                                                ? tmp.resolve(s.substring(1))
                                                                        .toString()
                                                                : s))
                        .toArray(String[]::new);

        int code = run(argv);

        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        List<String> lines = err().lines().toList();
        assertThat(lines.get(0)).startsWith("lakestream: ").doesNotContain("Exception");
        if (!args.contains("--bogus")) {
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

    /** Replaces a partition with one Parquet file per list, a manifest and _SUCCESS. */
    @SafeVarargs
    private static void commit(
            Path lake, String table, String partition, List<GenericRecord>... files)
            throws IOException {
        Path dir = lake.resolve(table).resolve(partition);
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        PartitionManifest m = new PartitionManifest();
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
