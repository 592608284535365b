package io.lakestream.connectors.lake.compact;

import static io.lakestream.connectors.lake.compact.CompactionLakes.assertConsistent;
import static io.lakestream.connectors.lake.compact.CompactionLakes.byPartition;
import static io.lakestream.connectors.lake.compact.CompactionLakes.copy;
import static io.lakestream.connectors.lake.compact.CompactionLakes.fileBytes;
import static io.lakestream.connectors.lake.compact.CompactionLakes.layout;
import static io.lakestream.connectors.lake.compact.CompactionLakes.manifests;
import static io.lakestream.connectors.lake.compact.CompactionLakes.onePartitionLake;
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
import io.lakestream.connectors.lake.TestRow;
import io.lakestream.connectors.lake.TestTable;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucketed compaction against an oracle: the same rows written by a stream (parallelism 2,
 * checkpoints) and by a backfill (BATCH, parallelism 3), and the stream's lake after a plain
 * compaction, are three layouts of the same rows; bucketing each by {@code id} gives the same
 * bucket files, byte for byte, every row in the file of its Spark bucket (recomputed here per row
 * from the reference-checked hash), the oracle's rows, unchanged checksums and a clean verify. A
 * rerun with the same bucketing changes nothing; another bucketing rewrites the partitions.
 */
class BucketedCompactionITCase {

    private static final LocalDate D0 = LocalDate.of(2026, 11, 1);
    private static final long DAY0 = D0.toEpochDay() * 86_400_000L;
    private static final String TABLE = "t";
    private static final long SMALL_TARGET = 4 * 1024; // bucketing ignores it: one file a bucket

    @TempDir static Path written;

    private static List<TestRow> input;
    private static Path stream;
    private static Path backfill;

    @TempDir Path tmp;

    @BeforeAll
    static void writeTwoLakes() throws Exception {
        input = rows(6_000, 11);
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

    /** Rows over two days; ids of 1 to 12 characters (every tail length), some repeated. */
    private static List<TestRow> rows(int n, int seed) {
        Random r = new Random(seed);
        List<TestRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestRow row = new TestRow();
            StringBuilder id = new StringBuilder("u");
            int len = r.nextInt(12);
            for (int k = 0; k < len; k++) {
                id.append((char) ('a' + r.nextInt(26)));
            }
            if (i % 31 == 0) {
                id.append("é"); // a non-ASCII byte in the tail
            }
            row.id = i % 5 == 0 ? "u" + r.nextInt(50) : id.toString();
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

    /** Rows by id, as unsigned UTF-8 bytes (Spark's string order). */
    private static final Comparator<TestRow> BY_ID =
            (x, y) ->
                    java.util.Arrays.compareUnsigned(
                            x.id.getBytes(StandardCharsets.UTF_8),
                            y.id.getBytes(StandardCharsets.UTF_8));

    /** Spark's bucket id of a string, spelled out: pmod(murmur3(utf8, 42), n). */
    private static int sparkBucket(String id, int n) {
        int h = SparkMurmur3.hashBytes(id.getBytes(StandardCharsets.UTF_8), 42);
        return ((h % n) + n) % n;
    }

    @Test
    void threeLayoutsOfTheSameRowsBucketToTheSameFiles() throws Exception {
        Path a = copy(stream, tmp.resolve("a"));
        Path b = copy(backfill, tmp.resolve("b"));
        Path c = copy(stream, tmp.resolve("c"));
        new LakeCompactor(LakeReader.local(c), SMALL_TARGET).compact(TABLE, null, null);
        Map<Partition, List<TestRow>> oracle = byPartition(input);
        LakeReader ra = LakeReader.local(a);
        LakeReader rb = LakeReader.local(b);
        LakeReader rc = LakeReader.local(c);
        assertThat(layout(ra, TABLE)).isNotEqualTo(layout(rb, TABLE));
        assertThat(layout(ra, TABLE)).isNotEqualTo(layout(rc, TABLE));
        Map<Partition, PartitionManifest> before = manifests(ra, TABLE);

        BucketSpec spec = new BucketSpec("id", 8);
        CompactionResult resA = compact(ra, spec);
        CompactionResult resB = compact(rb, spec);
        CompactionResult resC = compact(rc, spec);
        System.out.printf(
                "bucketed compaction into 8: stream %d -> %d files, backfill %d -> %d files,"
                        + " compacted stream %d -> %d files, %d partitions%n",
                resA.filesBefore(),
                resA.filesAfter(),
                resB.filesBefore(),
                resB.filesAfter(),
                resC.filesBefore(),
                resC.filesAfter(),
                resA.partitions());
        assertThat(resA.compacted()).isEqualTo(oracle.size());
        assertThat(resB.compacted()).isEqualTo(oracle.size());
        assertThat(resC.compacted()).isEqualTo(oracle.size()); // plain -> bucketed rewrites

        for (Partition p : sorted(oracle)) {
            Map<String, byte[]> filesA = fileBytes(ra, TABLE, p);
            assertSameFiles(filesA, fileBytes(rb, TABLE, p));
            assertSameFiles(filesA, fileBytes(rc, TABLE, p));
            assertBucketed(ra, p, 8, oracle.get(p), r -> sparkBucket(r.id, 8), BY_ID);

            PartitionManifest m = ra.manifest(TABLE, p).orElseThrow();
            assertThat(m.checksum).isEqualTo(before.get(p).checksum);
            assertThat(m.rows).isEqualTo(before.get(p).rows);
            assertThat(m.bucketing.column).isEqualTo("id");
            assertThat(m.bucketing.buckets).isEqualTo(8);
            assertThat(m.bucketing.hash).isEqualTo("spark-murmur3-x86-32-seed-42");
            assertThat(m.bucketing.sortedBy).isEqualTo("id");
            assertThat(m.files).extracting(f -> f.name).containsExactlyElementsOf(filesA.keySet());
        }
        assertConsistent(ra);
        assertConsistent(rb);
        assertConsistent(rc);
        assertThat(new LakeVerifier(ra).compare(rb, LakeSelection.all()).equal()).isTrue();

        // the same bucketing again, or a plain compaction: no-ops, not a byte or mtime changed
        Map<String, String> snapshot = snapshot(a);
        CompactionResult again = compact(ra, spec);
        assertThat(again.compacted()).isZero();
        assertThat(again.alreadyCompact()).isEqualTo(oracle.size());
        CompactionResult plain = new LakeCompactor(ra, SMALL_TARGET).compact(TABLE, null, null);
        assertThat(plain.compacted()).isZero();
        assertThat(plain.alreadyCompact()).isEqualTo(oracle.size());
        assertThat(snapshot(a)).isEqualTo(snapshot);

        // another number of buckets rewrites every partition
        CompactionResult four = compact(ra, new BucketSpec("id", 4));
        assertThat(four.compacted()).isEqualTo(oracle.size());
        for (Partition p : sorted(oracle)) {
            assertBucketed(ra, p, 4, oracle.get(p), r -> sparkBucket(r.id, 4), BY_ID);
            PartitionManifest m = ra.manifest(TABLE, p).orElseThrow();
            assertThat(m.checksum).isEqualTo(before.get(p).checksum);
            assertThat(m.bucketing.buckets).isEqualTo(4);
        }
        assertConsistent(ra);
    }

    @Test
    void bucketsByALongColumnAsSparkHashesLongs() throws Exception {
        Path a = copy(backfill, tmp.resolve("long"));
        LakeReader ra = LakeReader.local(a);
        Map<Partition, List<TestRow>> oracle = byPartition(input);
        int n = 5;
        compact(ra, new BucketSpec("ts", n));
        for (Partition p : sorted(oracle)) {
            assertBucketed(
                    ra,
                    p,
                    n,
                    oracle.get(p),
                    r -> {
                        int h = SparkMurmur3.hashLong(r.ts, 42);
                        return ((h % n) + n) % n;
                    },
                    Comparator.comparingLong(r -> r.ts));
        }
        assertConsistent(ra);
    }

    @Test
    void bucketedCompactionStoppedAtAnyStepIsCompletedByARerun() throws Exception {
        Partition p = Partition.of(PartitionScheme.DATE_HOUR, DAY0 + 9 * 3_600_000L);
        List<TestRow> expected = byPartition(input).get(p);
        Path source = onePartitionLake(stream, TABLE, p, tmp.resolve("source"));
        BucketSpec spec = new BucketSpec("id", 6);

        Path clean = copy(source, tmp.resolve("clean"));
        List<CompactionStep> steps = new ArrayList<>();
        new LakeCompactor(LakeReader.local(clean), SMALL_TARGET)
                .bucketing(spec)
                .listener((t, part, step) -> steps.add(step))
                .compact(TABLE, null, null);
        Map<String, byte[]> cleanFiles = fileBytes(LakeReader.local(clean), TABLE, p);
        assertThat(cleanFiles).hasSizeGreaterThan(1);

        for (int k = 0; k < steps.size(); k++) {
            Path lake = copy(source, tmp.resolve("stop-" + k));
            LakeReader reader = LakeReader.local(lake);
            int stopAt = k;
            int[] calls = {0};
            assertThatThrownBy(
                            () ->
                                    new LakeCompactor(reader, SMALL_TARGET)
                                            .bucketing(spec)
                                            .listener(
                                                    (t, part, step) -> {
                                                        if (calls[0]++ == stopAt) {
                                                            throw new IllegalStateException(
                                                                    "stopped before " + step);
                                                        }
                                                    })
                                            .compact(TABLE, null, null))
                    .isInstanceOf(IllegalStateException.class);
            String at = "stopped before " + steps.get(k) + " (call " + k + ")";
            CompactionResult rerun =
                    new LakeCompactor(reader, SMALL_TARGET)
                            .bucketing(spec)
                            .compact(TABLE, null, null);
            assertThat(rerun.compacted() + rerun.recovered()).as(at).isEqualTo(1);
            Map<String, byte[]> files = fileBytes(reader, TABLE, p);
            assertThat(files.keySet()).as(at).isEqualTo(cleanFiles.keySet());
            files.forEach((n, bytes) -> assertThat(bytes).as(at).isEqualTo(cleanFiles.get(n)));
            assertBucketed(reader, p, 6, expected, r -> sparkBucket(r.id, 6), BY_ID);
            assertConsistent(reader);
        }
    }

    @Test
    void refusesAnUnknownColumnOrOneOfAnotherTypeInOneLineAndChangesNothing() throws Exception {
        Path a = copy(stream, tmp.resolve("refuse"));
        LakeReader ra = LakeReader.local(a);
        Map<String, String> snapshot = snapshot(a);
        assertThatThrownBy(() -> compact(ra, new BucketSpec("user_id", 8)))
                .isInstanceOf(CompactionRefused.class)
                .hasMessageContaining("no column 'user_id'")
                .hasMessageContaining("id, ts, value")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> compact(ra, new BucketSpec("value", 8)))
                .isInstanceOf(CompactionRefused.class)
                .hasMessageContaining("'value' is a double column")
                .hasMessageContaining("string, int and long")
                .hasMessageNotContaining("\n");
        assertThat(snapshot(a)).isEqualTo(snapshot);
    }

    private static CompactionResult compact(LakeReader lake, BucketSpec spec) throws IOException {
        return new LakeCompactor(lake, SMALL_TARGET).bucketing(spec).compact(TABLE, null, null);
    }

    /**
     * Every file of {@code p} is a bucket file of a bucket below {@code n}, at most one per bucket,
     * one per bucket that has rows (none for empty buckets); each row is in the file of its bucket;
     * rows are sorted by id within a file; and the union is the oracle multiset.
     */
    private static void assertBucketed(
            LakeReader lake,
            Partition p,
            int n,
            List<TestRow> oracle,
            ToIntFunction<TestRow> bucket,
            Comparator<TestRow> order)
            throws IOException {
        List<TestRow> all = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (LakeFile f : lake.dataFiles(TABLE, p)) {
            int b = BucketSpec.bucketOfFile(f.name());
            assertThat(b).as(f.name()).isBetween(0, n - 1);
            assertThat(seen.add(b)).as(f.name()).isTrue();
            List<TestRow> rows = readRows(lake, f);
            assertThat(rows).as(f.name()).isNotEmpty();
            for (TestRow r : rows) {
                assertThat(bucket.applyAsInt(r)).as(f.name() + " " + r).isEqualTo(b);
            }
            assertThat(rows).as(f.name()).isSortedAccordingTo(order);
            all.addAll(rows);
        }
        Set<Integer> nonEmpty = new HashSet<>();
        oracle.forEach(r -> nonEmpty.add(bucket.applyAsInt(r)));
        assertThat(seen).isEqualTo(nonEmpty);
        assertThat(all).containsExactlyInAnyOrderElementsOf(oracle);
    }

    private static void assertSameFiles(Map<String, byte[]> x, Map<String, byte[]> y) {
        assertThat(y.keySet()).containsExactlyElementsOf(x.keySet());
        x.forEach((name, bytes) -> assertThat(y.get(name)).as(name).isEqualTo(bytes));
    }
}
