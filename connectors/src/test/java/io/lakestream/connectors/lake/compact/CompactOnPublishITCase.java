package io.lakestream.connectors.lake.compact;

import static io.lakestream.connectors.lake.compact.CompactionLakes.fileHashes;
import static io.lakestream.connectors.lake.compact.CompactionLakes.manifests;
import static io.lakestream.connectors.lake.compact.CompactionLakes.readRows;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction on publish (docs/decisions/0011), on a MiniCluster: the same rows streamed
 * (parallelism 2, checkpoints every 200 ms) into one lake as written and into another with {@code
 * compactOnPublish}, and backfilled into a third with it. The compacted lakes hold, in every
 * partition, exactly the files {@link LakeCompactor} writes when run afterwards on the plain lake,
 * byte for byte; every lake holds the oracle's rows and checksums. The stream compacts partitions
 * while it runs, not only at its end.
 *
 * <p>For measurements, {@code -Dcop.rows=N -Dcop.rate=R -Dcop.hours=H} scale the input, {@code
 * -Dcop.warmup=true} runs both streams once before the measured runs, {@code
 * -Dcop.compactFirst=true} swaps their order; the numbers are printed.
 */
class CompactOnPublishITCase {

    private static final LocalDate D0 = LocalDate.of(2026, 11, 1);
    private static final long DAY0 = D0.toEpochDay() * 86_400_000L;
    private static final String TABLE = "t";
    private static final int ROWS = Integer.getInteger("cop.rows", 12_000);
    private static final int RATE = Integer.getInteger("cop.rate", 3_000);
    private static final int HOURS = Integer.getInteger("cop.hours", 12);

    /** Event-time step between rows: the input spans {@link #HOURS} hourly partitions. */
    private static final long STEP = HOURS * 3_600_000L / ROWS;

    /** The CLI's default: one file per partition here. */
    private static final long TARGET = LakeCompactor.DEFAULT_TARGET_BYTES;

    @TempDir static Path dir;

    private static Path plain;
    private static Path compacted;
    private static Path backfill;
    private static int compactedWhileRunning;
    private static int publishedWhileRunning;

    static TestRow row(long i) {
        TestRow r = new TestRow();
        r.id = "r" + (i * 7919 % (ROWS / 2)); // ids repeat: the tiebreak decides the order
        r.ts = DAY0 + i * STEP + (i * 31 % 1000);
        r.value = i % 7 == 0 ? null : (i * 37 % 1000) / 10.0;
        return r;
    }

    @BeforeAll
    static void writeThreeLakes() throws Exception {
        plain = dir.resolve("plain");
        compacted = dir.resolve("compacted");
        backfill = dir.resolve("backfill");
        if (Boolean.getBoolean("cop.warmup")) { // for measurements: JIT and MiniCluster warm
            stream(dir.resolve("warmup-1"), true);
            stream(dir.resolve("warmup-2"), false);
            compactedWhileRunning = 0;
            publishedWhileRunning = 0;
        }
        boolean compactFirst = Boolean.getBoolean("cop.compactFirst"); // warm-up goes first
        long compactedMillis = compactFirst ? stream(compacted, true) : 0;
        long plainMillis = stream(plain, false);
        if (!compactFirst) {
            compactedMillis = stream(compacted, true);
        }
        long t0 = System.nanoTime();
        LakeSink<TestRow> b =
                LakeSink.forTable(new TestTable(TABLE))
                        .lake(backfill.toString())
                        .runId("b1")
                        .modeLabel("backfill")
                        .overwrite(D0, D0.plusDays(2))
                        .compactOnPublish(TARGET)
                        .build();
        run(RuntimeExecutionMode.BATCH, b, false);
        LakeFinalizer.finish(b.config());
        long backfillMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(
                "compact-on-publish: %d rows at %d/s over %d hours; stream without: %d ms, %d files in %d"
                        + " partitions; stream with: %d ms, %d files (%d of %d partitions"
                        + " published and compacted while running); backfill with: %d ms%n",
                ROWS,
                RATE,
                HOURS,
                plainMillis,
                fileCount(plain),
                LakeReader.local(plain).partitions(TABLE).size(),
                compactedMillis,
                fileCount(compacted),
                compactedWhileRunning,
                publishedWhileRunning,
                backfillMillis);
    }

    /** Streams the input into {@code lake}; returns the wall time of job and finaliser, in ms. */
    private static long stream(Path lake, boolean compact) throws Exception {
        LakeSink.Builder<TestRow> b =
                LakeSink.forTable(new TestTable(TABLE)).lake(lake.toString()).runId("s1");
        if (compact) {
            b.compactOnPublish(TARGET);
        }
        LakeSink<TestRow> sink = b.build();
        long t0 = System.nanoTime();
        run(RuntimeExecutionMode.STREAMING, sink, true);
        if (compact) {
            LakeReader r = LakeReader.local(lake);
            for (Partition p : r.partitions(TABLE)) {
                if (r.hasSuccess(TABLE, p)) {
                    publishedWhileRunning++;
                    if (r.manifest(TABLE, p).orElseThrow().compaction != null) {
                        compactedWhileRunning++;
                    }
                }
            }
        }
        LakeFinalizer.finish(sink.config());
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void run(RuntimeExecutionMode mode, LakeSink<TestRow> sink, boolean throttle)
            throws Exception {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, mode);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        if (mode == RuntimeExecutionMode.STREAMING) {
            c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(2);
        DataGeneratorSource<TestRow> source =
                new DataGeneratorSource<>(
                        CompactOnPublishITCase::row,
                        ROWS,
                        throttle ? RateLimiterStrategy.perSecond(RATE) : RateLimiterStrategy.noOp(),
                        TypeInformation.of(TestRow.class));
        env.fromSource(
                        source,
                        WatermarkStrategy.<TestRow>forMonotonousTimestamps()
                                .withTimestampAssigner((r, t) -> r.ts),
                        "rows")
                .uid("rows")
                .sinkTo(sink)
                .uid("sink");
        env.execute();
    }

    @Test
    void everyLakeHoldsTheOracleRowsAndChecksums() throws IOException {
        Map<Partition, List<TestRow>> oracle = new TreeMap<>();
        for (long i = 0; i < ROWS; i++) {
            TestRow r = row(i);
            oracle.computeIfAbsent(
                            Partition.of(PartitionScheme.DATE_HOUR, r.ts), k -> new ArrayList<>())
                    .add(r);
        }
        for (Path lake : List.of(plain, compacted, backfill)) {
            LakeReader r = LakeReader.local(lake);
            assertThat(r.partitions(TABLE))
                    .as(lake.toString())
                    .containsExactlyElementsOf(oracle.keySet());
            for (Map.Entry<Partition, List<TestRow>> e : oracle.entrySet()) {
                Partition p = e.getKey();
                assertThat(r.hasSuccess(TABLE, p)).isTrue();
                assertThat(readRows(r, TABLE, p))
                        .as(lake + " " + p)
                        .containsExactlyInAnyOrderElementsOf(e.getValue());
                PartitionManifest m = r.manifest(TABLE, p).orElseThrow();
                assertThat(m.rows).isEqualTo(e.getValue().size());
                assertThat(m.checksum).isEqualTo(checksum(r, p));
            }
        }
    }

    @Test
    void compactionOnPublishWritesWhatALaterCompactWouldWrite() throws Exception {
        LakeReader withCompaction = LakeReader.local(compacted);
        LakeReader fromBackfill = LakeReader.local(backfill);
        LakeReader later = LakeReader.local(plain);
        Map<Partition, PartitionManifest> plainManifests = manifests(later, TABLE);
        long plainFiles = fileCount(plain);

        CompactionResult result = new LakeCompactor(later, TARGET).compact(TABLE, null, null);

        assertThat(result.filesBefore()).isEqualTo(plainFiles);
        assertThat(plainFiles)
                .as("without compaction on publish the lake has more files")
                .isGreaterThan(fileCount(compacted));
        assertThat(fileCount(compacted)).isEqualTo(fileCount(plain));
        assertThat(compactedWhileRunning)
                .as("the stream compacts partitions as it publishes them")
                .isPositive()
                .isEqualTo(publishedWhileRunning);
        for (Partition p : later.partitions(TABLE)) {
            PartitionManifest m = withCompaction.manifest(TABLE, p).orElseThrow();
            List<String> names =
                    withCompaction.dataFiles(TABLE, p).stream().map(LakeFile::name).toList();
            assertThat(
                            CanonicalOrder.isCanonical(
                                    names, CanonicalOrder.contentHash(m.checksum, m.rows)))
                    .as(p.path() + " " + names)
                    .isTrue();
            assertThat(m.compaction).isNotNull();
            assertThat(m.compaction.targetBytes).isEqualTo(TARGET);
            assertThat(fileHashes(withCompaction, TABLE, p))
                    .as(p.path())
                    .isEqualTo(fileHashes(later, TABLE, p))
                    .isEqualTo(fileHashes(fromBackfill, TABLE, p));
            assertThat(m.checksum).isEqualTo(plainManifests.get(p).checksum);
            assertThat(m.rows).isEqualTo(plainManifests.get(p).rows);
        }
        assertThat(hiddenCompactionFiles(compacted)).isEmpty();
        assertThat(backfill.resolve(".staging")).doesNotExist();
    }

    private static String checksum(LakeReader lake, Partition p) throws IOException {
        RowChecksum hasher = new RowChecksum();
        long sum = 0;
        for (LakeFile f : lake.dataFiles(TABLE, p)) {
            for (GenericRecord r : lake.readAll(f)) {
                sum += hasher.hash(r);
            }
        }
        return RowChecksum.format(sum);
    }

    private static long fileCount(Path lake) throws IOException {
        LakeReader r = LakeReader.local(lake);
        long n = 0;
        for (Partition p : r.partitions(TABLE)) {
            n += r.dataFiles(TABLE, p).size();
        }
        return n;
    }

    private static List<Path> hiddenCompactionFiles(Path lake) throws IOException {
        try (Stream<Path> s = Files.walk(lake)) {
            return s.filter(f -> f.getFileName().toString().startsWith(".compact.")).toList();
        }
    }
}
