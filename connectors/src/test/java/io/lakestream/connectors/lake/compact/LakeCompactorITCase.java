package io.lakestream.connectors.lake.compact;

import static io.lakestream.connectors.lake.compact.CompactionLakes.assertConsistent;
import static io.lakestream.connectors.lake.compact.CompactionLakes.byPartition;
import static io.lakestream.connectors.lake.compact.CompactionLakes.copy;
import static io.lakestream.connectors.lake.compact.CompactionLakes.fileBytes;
import static io.lakestream.connectors.lake.compact.CompactionLakes.fileHashes;
import static io.lakestream.connectors.lake.compact.CompactionLakes.layout;
import static io.lakestream.connectors.lake.compact.CompactionLakes.manifests;
import static io.lakestream.connectors.lake.compact.CompactionLakes.onePartitionLake;
import static io.lakestream.connectors.lake.compact.CompactionLakes.oracleChecksum;
import static io.lakestream.connectors.lake.compact.CompactionLakes.readRows;
import static io.lakestream.connectors.lake.compact.CompactionLakes.snapshot;
import static io.lakestream.connectors.lake.compact.CompactionLakes.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.lake.LakeFinalizer;
import io.lakestream.connectors.lake.LakeSink;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.TestRow;
import io.lakestream.connectors.lake.TestTable;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeVerifier;
import io.lakestream.connectors.lake.read.PartitionAudit;
import io.lakestream.connectors.lake.source.LakeScan;
import io.lakestream.connectors.lake.source.LakeScanner;
import io.lakestream.connectors.lake.source.ScannedPartition;
import io.lakestream.connectors.testing.ChildJvm;
import io.lakestream.connectors.testing.ReliabilityRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction against an oracle: the same rows written by a stream (parallelism 2, checkpoints) and
 * by a backfill (BATCH, parallelism 3) land in different files; compacting both gives
 * byte-identical files per partition with unchanged checksums and the oracle's rows, and a second
 * compaction changes nothing. A compaction killed between any two of its steps (a child JVM that
 * halts) leaves every partition complete-old, complete-new or without {@code _SUCCESS}, and a rerun
 * completes it with the same bytes.
 */
class LakeCompactorITCase {

    private static final LocalDate D0 = LocalDate.of(2026, 11, 1);
    private static final long DAY0 = D0.toEpochDay() * 86_400_000L;
    private static final String TABLE = "t";

    /** Small, so that partitions of a few hundred rows compact into several files. */
    private static final long TARGET = 4 * 1024;

    @TempDir static Path written;

    private static List<TestRow> input;
    private static Path stream;
    private static Path backfill;

    @TempDir Path tmp;

    @BeforeAll
    static void writeTwoLakes() throws Exception {
        input = rows(20_000, 7);
        stream = written.resolve("stream");
        backfill = written.resolve("backfill");
        LakeSink<TestRow> s =
                LakeSink.forTable(new TestTable(TABLE)).lake(stream.toString()).runId("s1").build();
        run(RuntimeExecutionMode.STREAMING, 2, s);
        LakeSink<TestRow> b =
                LakeSink.forTable(new TestTable(TABLE))
                        .lake(backfill.toString())
                        .runId("b1")
                        .modeLabel("backfill")
                        .overwrite(D0, D0.plusDays(1))
                        .build();
        run(RuntimeExecutionMode.BATCH, 3, b);
    }

    /** {@code n} rows over two days, plus some exact duplicates (a multiset, not a set). */
    private static List<TestRow> rows(int n, int seed) {
        Random r = new Random(seed);
        List<TestRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestRow row = new TestRow();
            row.id = "r" + r.nextInt(n / 2); // ids repeat: the tiebreak decides the order
            row.ts = DAY0 + (long) i * (2 * 86_400_000L / n) + r.nextInt(1000);
            row.value = i % 7 == 0 ? null : r.nextDouble();
            rows.add(row);
            if (i % 97 == 0) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static void run(RuntimeExecutionMode mode, int parallelism, LakeSink<TestRow> sink)
            throws Exception {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, mode);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        if (mode == RuntimeExecutionMode.STREAMING) {
            c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(parallelism);
        env.fromData(input, TypeInformation.of(TestRow.class))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<TestRow>forMonotonousTimestamps()
                                .withTimestampAssigner((row, t) -> row.ts))
                .uid("rows")
                .sinkTo(sink)
                .uid("sink");
        env.execute();
        LakeFinalizer.finish(sink.config());
    }

    @Test
    void compactingStreamAndBackfillGivesByteIdenticalFiles() throws Exception {
        Path a = copy(stream, tmp.resolve("a"));
        Path b = copy(backfill, tmp.resolve("b"));
        LakeReader ra = LakeReader.local(a);
        LakeReader rb = LakeReader.local(b);
        Map<Partition, List<TestRow>> oracle = byPartition(input);
        assertThat(ra.partitions(TABLE)).containsExactlyElementsOf(sorted(oracle));
        assertThat(rb.partitions(TABLE)).containsExactlyElementsOf(sorted(oracle));
        assertThat(layout(ra, TABLE)).isNotEqualTo(layout(rb, TABLE)); // different files before
        Map<Partition, PartitionManifest> manifestsBefore = manifests(ra, TABLE);

        CompactionResult resA = new LakeCompactor(ra, TARGET).compact(TABLE, null, null);
        CompactionResult resB = new LakeCompactor(rb, TARGET).compact(TABLE, null, null);
        System.out.printf(
                "compaction: stream %d -> %d files (%d -> %d bytes), backfill %d -> %d files"
                        + " (%d -> %d bytes), %d partitions%n",
                resA.filesBefore(),
                resA.filesAfter(),
                resA.bytesBefore(),
                resA.bytesAfter(),
                resB.filesBefore(),
                resB.filesAfter(),
                resB.bytesBefore(),
                resB.bytesAfter(),
                resA.partitions());
        assertThat(resA.compacted()).isEqualTo(oracle.size());
        assertThat(resB.compacted()).isEqualTo(oracle.size());
        assertThat(resA.filesAfter()).isEqualTo(resB.filesAfter());
        assertThat(resA.filesAfter()).isGreaterThan(oracle.size()); // the target split files

        for (Partition p : sorted(oracle)) {
            Map<String, byte[]> filesA = fileBytes(ra, TABLE, p);
            Map<String, byte[]> filesB = fileBytes(rb, TABLE, p);
            assertThat(filesA.keySet()).containsExactlyElementsOf(filesB.keySet());
            filesA.forEach((name, bytes) -> assertThat(filesB.get(name)).isEqualTo(bytes));

            PartitionManifest before = manifestsBefore.get(p);
            PartitionManifest after = ra.manifest(TABLE, p).orElseThrow();
            assertThat(after.checksum).isEqualTo(before.checksum);
            assertThat(after.rows).isEqualTo(before.rows);
            assertThat(after.version).isEqualTo(before.version);
            assertThat(after.runId).isEqualTo(before.runId);
            assertThat(after.committedAt).isEqualTo(before.committedAt);
            assertThat(after.compactedAt).isNotNull();
            assertThat(after.compaction.filesBefore).isEqualTo(before.files.size());
            assertThat(after.files)
                    .extracting(f -> f.name)
                    .containsExactlyElementsOf(filesA.keySet());
            assertThat(after.checksum).isEqualTo(RowChecksum.format(oracleChecksum(oracle.get(p))));

            List<TestRow> rowsA = readRows(ra, TABLE, p);
            assertThat(rowsA).containsExactlyInAnyOrderElementsOf(oracle.get(p));
            assertThat(readRows(rb, TABLE, p)).containsExactlyElementsOf(rowsA); // same order too
            assertThat(rowsA).extracting(r -> r.id).isSortedAccordingTo(Comparator.naturalOrder());
            try (Stream<Path> left = Files.list(Path.of(ra.partitionPath(TABLE, p).toUri()))) {
                assertThat(left.map(f -> f.getFileName().toString()))
                        .noneMatch(n -> n.startsWith(LakeCompactor.HIDDEN_PREFIX));
            }
        }
        assertConsistent(ra);
        assertConsistent(rb);
        assertThat(new LakeVerifier(ra).compare(rb, LakeSelection.all()).equal()).isTrue();

        // nothing time- or run-dependent in the footers
        for (Partition p : sorted(oracle).subList(0, 2)) {
            for (LakeFile f : ra.dataFiles(TABLE, p)) {
                try (ParquetFileReader footer =
                        ParquetFileReader.open(new LocalInputFile(Path.of(f.path().toUri())))) {
                    FileMetaData meta = footer.getFooter().getFileMetaData();
                    assertThat(meta.getCreatedBy()).startsWith("parquet-mr version");
                    assertThat(meta.getKeyValueMetaData().keySet())
                            .containsExactlyInAnyOrder("parquet.avro.schema", "writer.model.name");
                }
            }
        }

        // at the default target size every partition becomes one file, identical on both sides
        Path c = copy(stream, tmp.resolve("c"));
        Path d = copy(backfill, tmp.resolve("d"));
        CompactionResult resC =
                new LakeCompactor(LakeReader.local(c), LakeCompactor.DEFAULT_TARGET_BYTES)
                        .compact(TABLE, null, null);
        new LakeCompactor(LakeReader.local(d), LakeCompactor.DEFAULT_TARGET_BYTES)
                .compact(TABLE, null, null);
        System.out.printf(
                "compaction at 128MB: stream %d -> %d files (%d -> %d bytes)%n",
                resC.filesBefore(), resC.filesAfter(), resC.bytesBefore(), resC.bytesAfter());
        assertThat(resC.filesAfter()).isEqualTo(oracle.size());
        for (Partition p : sorted(oracle)) {
            Map<String, byte[]> filesC = fileBytes(LakeReader.local(c), TABLE, p);
            Map<String, byte[]> filesD = fileBytes(LakeReader.local(d), TABLE, p);
            assertThat(filesC).hasSize(1);
            assertThat(filesC.keySet()).isEqualTo(filesD.keySet());
            filesC.forEach((name, bytes) -> assertThat(filesD.get(name)).isEqualTo(bytes));
        }

        // a second compaction is a no-op: same names, bytes and modification times
        Map<String, String> snapshot = snapshot(a);
        CompactionResult again = new LakeCompactor(ra, TARGET).compact(TABLE, null, null);
        assertThat(again.compacted()).isZero();
        assertThat(again.alreadyCompact()).isEqualTo(oracle.size());
        assertThat(again.filesAfter()).isEqualTo(again.filesBefore());
        assertThat(snapshot(a)).isEqualTo(snapshot);
    }

    /**
     * A compaction killed before any one of its steps, in a JVM of its own: no exception unwinds,
     * no {@code finally} block, close or shutdown hook runs, as after {@code kill -9}. The kill is
     * in the middle one of three partitions, so the first is compacted already and the last
     * untouched. The files the child wrote before it died, published by the rerun, must be those of
     * the uninterrupted run in this JVM, byte for byte: compaction output does not depend on the
     * JVM that writes it.
     */
    @Test
    void compactionKilledBeforeAnyStepIsCompletedByARerun() throws Exception {
        Map<Partition, List<TestRow>> oracle = byPartition(input);
        Partition first = Partition.hourly(D0, 4);
        Partition killed = Partition.hourly(D0, 5);
        Partition last = Partition.hourly(D0, 6);
        List<Partition> partitions = List.of(first, killed, last);
        Path source = tmp.resolve("source");
        for (Partition p : partitions) {
            onePartitionLake(stream, TABLE, p, source);
        }
        Map<Partition, Map<String, String>> old = hashes(LakeReader.local(source), partitions);

        // the uninterrupted run: its files are what every killed run must end with
        Path clean = copy(source, tmp.resolve("clean"));
        List<CompactionStep> steps = new ArrayList<>();
        new LakeCompactor(LakeReader.local(clean), TARGET)
                .listener(
                        (t, part, step) -> {
                            if (part.equals(killed)) {
                                steps.add(step);
                            }
                        })
                .compact(TABLE, null, null);
        Map<Partition, Map<String, String>> compacted = hashes(LakeReader.local(clean), partitions);
        assertThat(compacted.get(killed)).hasSizeGreaterThan(1);
        assertThat(steps).contains(CompactionStep.values());
        System.out.println("compaction steps of one partition: " + steps);

        // every step, and every occurrence of the steps done once per file
        Map<CompactionStep, Integer> occurrences = new EnumMap<>(CompactionStep.class);
        List<TestRow> expectedAfterReruns = new ArrayList<>();
        List<TestRow> readAfterReruns = new ArrayList<>();
        long slowestRerunNanos = 0;
        for (CompactionStep step : steps) {
            int n = occurrences.merge(step, 1, Integer::sum);
            String at = "killed before " + step + " #" + n;
            Path lake = copy(source, tmp.resolve("kill-" + step + "-" + n));
            ChildJvm.Exit exit =
                    ChildJvm.run(
                            HaltingCompaction.class,
                            Duration.ofMinutes(2),
                            lake.toString(),
                            TABLE,
                            Long.toString(TARGET),
                            killed.path(),
                            step.name(),
                            Integer.toString(n));
            assertThat(exit.code()).as(at + exit.tail()).isEqualTo(ChildJvm.KILLED);

            LakeReader reader = LakeReader.local(lake);
            assertOldOrNew(reader, at, oracle, old, compacted);
            Map<Partition, Map<String, String>> killedFiles = hashes(reader, partitions);
            assertThat(killedFiles.get(first)).as(at).isEqualTo(compacted.get(first));
            assertThat(killedFiles.get(last)).as(at).isEqualTo(old.get(last));

            long rerunStart = System.nanoTime();
            CompactionResult rerun = new LakeCompactor(reader, TARGET).compact(TABLE, null, null);
            slowestRerunNanos = Math.max(slowestRerunNanos, System.nanoTime() - rerunStart);
            assertThat(rerun.alreadyCompact()).as(at).isEqualTo(1);
            assertThat(rerun.compacted() + rerun.recovered()).as(at).isEqualTo(2);
            assertThat(hashes(reader, partitions)).as(at).isEqualTo(compacted);
            for (Partition p : partitions) {
                List<TestRow> rows = readRows(reader, TABLE, p);
                expectedAfterReruns.addAll(oracle.get(p));
                readAfterReruns.addAll(rows);
                assertThat(rows).as(at).containsExactlyInAnyOrderElementsOf(oracle.get(p));
                try (Stream<Path> left =
                        Files.list(Path.of(reader.partitionPath(TABLE, p).toUri()))) {
                    assertThat(left.map(f -> f.getFileName().toString()))
                            .as(at)
                            .noneMatch(name -> name.startsWith(LakeCompactor.HIDDEN_PREFIX))
                            .filteredOn(name -> name.endsWith(".stats.json"))
                            .hasSize(compacted.get(p).size());
                }
            }
            assertConsistent(reader);
        }
        ReliabilityRow.of(
                        "compaction-killed",
                        "Compaction killed between steps",
                        "a child JVM compacting 3 partitions halts (exit 137) before each step of"
                                + " the middle partition, every occurrence; then compact again",
                        steps.size(),
                        expectedAfterReruns,
                        readAfterReruns,
                        "0 (the rerun completes it)",
                        "rerun ≤ " + ReliabilityRow.seconds(Duration.ofNanos(slowestRerunNanos)))
                .write();
    }

    /** The data files of each partition: name -> SHA-256. */
    private static Map<Partition, Map<String, String>> hashes(
            LakeReader lake, List<Partition> partitions) throws IOException {
        Map<Partition, Map<String, String>> m = new TreeMap<>();
        for (Partition p : partitions) {
            m.put(p, fileHashes(lake, TABLE, p));
        }
        return m;
    }

    /**
     * After a kill, every partition of the table is readable and correct for a reader that honours
     * {@code _SUCCESS}: committed, its files are exactly its old ones or exactly the compacted
     * ones, as its manifest lists them, with the oracle's rows. Only the partition being switched
     * may be uncommitted, and then its intent is there for a rerun to finish from. A scan, which
     * reads committed partitions and only the files their manifests name, reads the oracle's rows.
     */
    private static void assertOldOrNew(
            LakeReader reader,
            String at,
            Map<Partition, List<TestRow>> oracle,
            Map<Partition, Map<String, String>> old,
            Map<Partition, Map<String, String>> compacted)
            throws IOException {
        List<Partition> uncommitted = new ArrayList<>();
        for (Partition p : old.keySet()) {
            String where = at + ", " + p;
            if (!reader.hasSuccess(TABLE, p)) {
                uncommitted.add(p);
                assertThat(
                                Path.of(reader.partitionPath(TABLE, p).toUri())
                                        .resolve(LakeCompactor.INTENT))
                        .as(where)
                        .exists();
                continue;
            }
            assertThat(new PartitionAudit(reader).audit(TABLE, p).problems()).as(where).isEmpty();
            assertThat(fileHashes(reader, TABLE, p))
                    .as(where + " has its old or its compacted files")
                    .isIn(old.get(p), compacted.get(p));
            assertThat(readRows(reader, TABLE, p))
                    .as(where)
                    .containsExactlyInAnyOrderElementsOf(oracle.get(p));
        }
        assertThat(uncommitted).as(at).hasSizeLessThanOrEqualTo(1);

        LakeScan scan =
                new LakeScanner(reader.root()).scan(TABLE, PartitionScheme.DATE_HOUR, D0, D0);
        assertThat(scan.uncommitted()).as(at).isEqualTo(uncommitted);
        assertThat(scan.partitions()).as(at).hasSize(old.size() - uncommitted.size());
        for (ScannedPartition s : scan.partitions()) {
            List<TestRow> expected = oracle.get(s.partition());
            List<TestRow> rows = new ArrayList<>();
            for (LakeFile f : s.files()) {
                rows.addAll(readRows(reader, f));
            }
            assertThat(rows)
                    .as(at + ", scanned " + s.partition())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(s.rows()).as(at).isEqualTo(expected.size());
            assertThat(s.manifest().checksum)
                    .as(at)
                    .isEqualTo(RowChecksum.format(oracleChecksum(expected)));
        }
    }

    @Test
    void refusesAPartitionWhoseFilesDoNotMatchItsManifest() throws Exception {
        Path lake = copy(stream, tmp.resolve("bad"));
        LakeReader reader = LakeReader.local(lake);
        Partition p = reader.partitions(TABLE).get(3);
        Path manifest =
                Path.of(reader.partitionPath(TABLE, p).toUri())
                        .resolve(PartitionManifest.FILE_NAME);
        PartitionManifest m = reader.manifest(TABLE, p).orElseThrow();
        m.checksum = "0123456789abcdef";
        Files.write(manifest, m.toJson());
        Map<String, byte[]> before = fileBytes(reader, TABLE, p);

        assertThatThrownBy(
                        () -> new LakeCompactor(reader, TARGET).compact(TABLE, p.date(), p.date()))
                .isInstanceOf(CompactionRefused.class)
                .hasMessageContaining(p.path())
                .hasMessageContaining("0123456789abcdef")
                .hasMessageNotContaining("\n");
        Map<String, byte[]> after = fileBytes(reader, TABLE, p);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        try (Stream<Path> left = Files.list(Path.of(reader.partitionPath(TABLE, p).toUri()))) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(LakeCompactor.HIDDEN_PREFIX));
        }
    }
}
