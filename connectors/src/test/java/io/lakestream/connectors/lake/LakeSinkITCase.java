package io.lakestream.connectors.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake sink on a MiniCluster, without Kafka: a stream with checkpoints and a backfill in BATCH
 * mode both land exactly the input rows, partition by partition, with manifests whose rows and
 * checksums match what the files hold; a backfill replaces exactly its dates.
 */
class LakeSinkITCase {

    private static final long DAY0 = LocalDate.of(2026, 11, 1).toEpochDay() * 86_400_000L;

    @TempDir Path lake;

    private static List<TestRow> rows(int n, int seed, String prefix) {
        Random r = new Random(seed);
        List<TestRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = DAY0 + (long) i * (2 * 86_400_000L / n) + r.nextInt(1000);
            rows.add(new TestRow(prefix + i, ts, i % 7 == 0 ? null : r.nextDouble()));
        }
        return rows;
    }

    private StreamExecutionEnvironment env(RuntimeExecutionMode mode) {
        org.apache.flink.configuration.Configuration c =
                new org.apache.flink.configuration.Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, mode);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        if (mode == RuntimeExecutionMode.STREAMING) {
            c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(2);
        return env;
    }

    private void run(RuntimeExecutionMode mode, List<TestRow> input, LakeSink<TestRow> sink)
            throws Exception {
        StreamExecutionEnvironment env = env(mode);
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
    void streamLandsEveryRowOnceWithConsistentManifests() throws Exception {
        List<TestRow> input = rows(5000, 1, "s");
        run(
                RuntimeExecutionMode.STREAMING,
                input,
                LakeSink.forTable(new TestTable("t")).lake(lake.toString()).runId("r1").build());

        Map<String, List<TestRow>> expected = byPartition(input);
        assertThat(partitionsOf(lake.resolve("t")))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, List<TestRow>> e : expected.entrySet()) {
            Path dir = lake.resolve("t").resolve(e.getKey());
            assertThat(dir.resolve("_SUCCESS")).exists();
            assertThat(readRows(dir)).containsExactlyInAnyOrderElementsOf(e.getValue());
            PartitionManifest m = manifest(dir);
            assertThat(m.rows).isEqualTo(e.getValue().size());
            assertThat(m.checksum).isEqualTo(RowChecksum.format(checksumOf(dir)));
            assertThat(m.mode).isEqualTo("stream");
        }
    }

    @Test
    void backfillReplacesExactlyItsDatesAndIsIdempotent() throws Exception {
        List<TestRow> old = rows(3000, 2, "old");
        run(
                RuntimeExecutionMode.STREAMING,
                old,
                LakeSink.forTable(new TestTable("t")).lake(lake.toString()).runId("r1").build());
        List<TestRow> fresh = new ArrayList<>();
        for (TestRow row : rows(2000, 3, "new")) {
            if (row.ts < DAY0 + 86_400_000L) {
                fresh.add(row); // only day 0 of the range [day0, day0] has new data
            }
        }
        LocalDate d0 = LocalDate.ofEpochDay(DAY0 / 86_400_000L);
        for (String runId : List.of("b1", "b2")) {
            run(
                    RuntimeExecutionMode.BATCH,
                    fresh,
                    LakeSink.forTable(new TestTable("t"))
                            .lake(lake.toString())
                            .runId(runId)
                            .modeLabel("backfill")
                            .overwrite(d0, d0)
                            .build());
            List<TestRow> expected = new ArrayList<>(fresh);
            old.stream().filter(r -> r.ts >= DAY0 + 86_400_000L).forEach(expected::add);
            assertThat(allRows(lake.resolve("t"))).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(lake.resolve(".staging")).doesNotExist();
            assertThat(lake.resolve(".trash")).doesNotExist();
        }
    }

    private static Map<String, List<TestRow>> byPartition(List<TestRow> rows) {
        Map<String, List<TestRow>> m = new HashMap<>();
        for (TestRow r : rows) {
            m.computeIfAbsent(
                            Partition.of(PartitionScheme.DATE_HOUR, r.ts).path(),
                            k -> new ArrayList<>())
                    .add(r);
        }
        return m;
    }

    private static List<String> partitionsOf(Path table) throws IOException {
        try (Stream<Path> s = Files.walk(table)) {
            return s.filter(p -> p.getFileName().toString().startsWith("hour="))
                    .map(p -> table.relativize(p).toString())
                    .toList();
        }
    }

    static List<TestRow> allRows(Path table) throws IOException {
        List<TestRow> all = new ArrayList<>();
        for (String p : partitionsOf(table)) {
            all.addAll(readRows(table.resolve(p)));
        }
        return all;
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(
                            p ->
                                    p.getFileName().toString().endsWith(".parquet")
                                            && !p.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    private static List<TestRow> readRows(Path dir) throws IOException {
        List<TestRow> rows = new ArrayList<>();
        for (GenericRecord r : records(dir)) {
            rows.add(new TestRow(r.get(0).toString(), (Long) r.get(1), (Double) r.get(2)));
        }
        return rows;
    }

    private static long checksumOf(Path dir) throws IOException {
        RowChecksum c = new RowChecksum();
        long sum = 0;
        for (GenericRecord r : records(dir)) {
            sum += c.hash(r);
        }
        return sum;
    }

    private static List<GenericRecord> records(Path dir) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        for (Path f : parquetFiles(dir)) {
            try (ParquetReader<GenericRecord> reader =
                    AvroParquetReader.<GenericRecord>builder(
                                    HadoopInputFile.fromPath(
                                            new org.apache.hadoop.fs.Path(f.toString()),
                                            new Configuration()))
                            .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static PartitionManifest manifest(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(PartitionManifest.FILE_NAME))) {
            return PartitionManifest.read(in);
        }
    }
}
