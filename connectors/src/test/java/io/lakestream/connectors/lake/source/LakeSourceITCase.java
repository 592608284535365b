package io.lakestream.connectors.lake.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.LakeFinalizer;
import io.lakestream.connectors.lake.LakeSink;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.TestRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-day lake written by {@link LakeSink} on a MiniCluster, read back through {@link
 * LakeSource}: a day's read yields exactly that day's rows (the oracle is the generated input) and
 * opens exactly that day's files; the manifests' offsets give where Kafka continues; and the hybrid
 * source reads the whole lake before it switches to its second source (a Kafka-free stand-in here;
 * the real Kafka switch is left to the end-to-end tests, which have a broker).
 */
class LakeSourceITCase {

    private static final LocalDate D0 = LocalDate.of(2026, 11, 1);
    private static final long DAY_MS = 86_400_000L;
    private static final long T0 = D0.toEpochDay() * DAY_MS;
    private static final int ROWS = 6000;
    private static final int KAFKA_PARTITIONS = 3;

    /** Files opened per test run, keyed by a run id; filled by {@link Recorder} in the tasks. */
    private static final Map<String, Queue<String>> OPENED = new ConcurrentHashMap<>();

    @TempDir Path lake;

    private List<TestRow> input;

    @BeforeEach
    void writeThreeDays() throws Exception {
        Random r = new Random(7);
        input = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            long ts = T0 + (long) i * (3 * DAY_MS / ROWS) + r.nextInt(1000);
            TestRow row = new TestRow();
            row.id = "e" + i;
            row.ts = ts;
            row.value = i % 7 == 0 ? null : r.nextDouble();
            input.add(row);
        }
        LakeSink<TestRow> sink =
                LakeSink.forTable(new SourcedTable())
                        .lake(lake.toString())
                        .runId("w1")
                        .modeLabel("backfill")
                        .source(Map.of("topic", "events"))
                        .overwrite(D0, D0.plusDays(2))
                        .build();
        StreamExecutionEnvironment env = env(2);
        env.fromData(input, TypeInformation.of(TestRow.class))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<TestRow>forMonotonousTimestamps()
                                .withTimestampAssigner((row, t) -> row.ts))
                .sinkTo(sink);
        env.execute("write");
        LakeFinalizer.finish(sink.config());
    }

    @Test
    void readingOneDayYieldsExactlyItsRowsAndOpensOnlyItsFiles() throws Exception {
        LocalDate day = D0.plusDays(1);
        LakeScan scan =
                LakeScanner.of(lake.toString()).scan("t", PartitionScheme.DATE_HOUR, day, day);
        List<TestRow> expected = input.stream().filter(row -> dateOf(row).equals(day)).toList();

        assertThat(scan.messages()).isEmpty();
        assertThat(scan.partitions()).hasSize(24);
        assertThat(scan.rows()).isEqualTo(expected.size());
        assertThat(scan.paths())
                .extracting(p -> Path.of(p.toUri()).toString())
                .containsExactlyInAnyOrderElementsOf(parquetFiles(lake.resolve("t/date=" + day)));
        assertThat(scan.nextOffsets()).containsExactlyEntriesOf(oracleNextOffsets(expected));

        String run = UUID.randomUUID().toString();
        FileSource<TestRow> source =
                LakeSource.of(scan, LakeSourceITCase::toRow, TypeInformation.of(TestRow.class))
                        .onFileOpened(new Recorder(run))
                        .build();
        List<TestRow> read = collect(source, 2);

        assertThat(read).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        List<String> opened = List.copyOf(OPENED.get(run));
        assertThat(opened)
                .hasSize(scan.fileCount())
                .containsExactlyInAnyOrderElementsOf(parquetFiles(lake.resolve("t/date=" + day)))
                .allSatisfy(f -> assertThat(f).contains("/date=" + day + "/"));
    }

    @Test
    void hybridReadsTheWholeLakeRangeBeforeItsSecondSource() throws Exception {
        LakeScan scan =
                LakeScanner.of(lake.toString())
                        .scan("t", PartitionScheme.DATE_HOUR, D0, D0.plusDays(1));
        List<TestRow> lakeRows =
                input.stream().filter(row -> !dateOf(row).equals(D0.plusDays(2))).toList();
        assertThat(scan.nextOffsets()).containsExactlyEntriesOf(oracleNextOffsets(lakeRows));

        int tail = 500;
        DataGeneratorSource<TestRow> standIn =
                new DataGeneratorSource<>(
                        i -> {
                            TestRow row = new TestRow();
                            row.id = "k" + i;
                            row.ts = T0 + 2 * DAY_MS + i;
                            return row;
                        },
                        tail,
                        TypeInformation.of(TestRow.class));
        Source<TestRow, ?, ?> hybrid =
                LakeKafkaHybrid.then(
                        LakeSource.of(
                                        scan,
                                        LakeSourceITCase::toRow,
                                        TypeInformation.of(TestRow.class))
                                .build(),
                        standIn);

        List<TestRow> read = collect(hybrid, 1);

        assertThat(read).hasSize(lakeRows.size() + tail);
        assertThat(read.subList(0, lakeRows.size())).containsExactlyInAnyOrderElementsOf(lakeRows);
        assertThat(read.subList(lakeRows.size(), read.size()))
                .extracting(row -> row.id)
                .allSatisfy(id -> assertThat(id).startsWith("k"))
                .doesNotHaveDuplicates();
    }

    /** The mapper: timestamp-millis arrives as a Long, strings as CharSequences. */
    private static TestRow toRow(GenericRecord record, io.lakestream.connectors.lake.Partition p) {
        TestRow row = new TestRow();
        row.id = record.get("id").toString();
        row.ts = (Long) record.get("ts");
        row.value = (Double) record.get("value");
        if (row.ts < p.startMillis() || row.ts >= p.endMillis()) {
            throw new IllegalStateException(row + " is not in its file's partition " + p);
        }
        return row;
    }

    private static List<TestRow> collect(Source<TestRow, ?, ?> source, int parallelism)
            throws Exception {
        StreamExecutionEnvironment env = env(parallelism);
        List<TestRow> out = new ArrayList<>();
        try (var it =
                env.fromSource(
                                source,
                                WatermarkStrategy.noWatermarks(),
                                "lake",
                                TypeInformation.of(TestRow.class)) // a hybrid does not say
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static StreamExecutionEnvironment env(int parallelism) {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(parallelism);
        return env;
    }

    private static LocalDate dateOf(TestRow row) {
        return LocalDate.ofEpochDay(Math.floorDiv(row.ts, DAY_MS));
    }

    private static int index(TestRow row) {
        return Integer.parseInt(row.id.substring(1));
    }

    /** Per Kafka partition, the last offset of the rows + 1, in plain Java. */
    private static Map<Integer, Long> oracleNextOffsets(List<TestRow> rows) {
        Map<Integer, Long> next = new TreeMap<>();
        for (TestRow row : rows) {
            next.merge(
                    index(row) % KAFKA_PARTITIONS, index(row) / KAFKA_PARTITIONS + 1L, Math::max);
        }
        return next;
    }

    private static List<String> parquetFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(Path::toString)
                    .toList();
        }
    }

    /** Records opened files for the test (same JVM as the MiniCluster's tasks). */
    private static final class Recorder implements FileOpenListener {
        private static final long serialVersionUID = 1L;
        private final String run;

        Recorder(String run) {
            this.run = run;
        }

        @Override
        public void opened(org.apache.flink.core.fs.Path file) {
            OPENED.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>())
                    .add(Path.of(file.toUri()).toString());
        }
    }

    /**
     * An hourly table of {@link TestRow}s whose event time is a timestamp-millis column and whose
     * rows say which Kafka record they came from: row {@code e<i>} is offset {@code i / 3} of
     * partition {@code i % 3}.
     */
    static final class SourcedTable extends AbstractLakeTable<TestRow> {
        private static final long serialVersionUID = 1L;
        private static final Schema SCHEMA =
                SchemaBuilder.record("sourced_row")
                        .fields()
                        .requiredString("id")
                        .name("ts")
                        .type(
                                LogicalTypes.timestampMillis()
                                        .addToSchema(Schema.create(Schema.Type.LONG)))
                        .noDefault()
                        .optionalDouble("value")
                        .endRecord();

        SourcedTable() {
            super("t", PartitionScheme.DATE_HOUR, SCHEMA);
        }

        @Override
        public long partitionTime(TestRow row) {
            return row.ts;
        }

        @Override
        public int sourcePartition(TestRow row) {
            return index(row) % KAFKA_PARTITIONS;
        }

        @Override
        public long sourceOffset(TestRow row) {
            return index(row) / KAFKA_PARTITIONS;
        }

        @Override
        public GenericRecord toRecord(TestRow row, GenericRecord record) {
            record.put(0, row.id);
            record.put(1, row.ts);
            record.put(2, row.value);
            return record;
        }
    }
}
