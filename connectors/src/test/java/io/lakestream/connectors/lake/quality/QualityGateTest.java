package io.lakestream.connectors.lake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.TestRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every partition rule observes what a plain-Java oracle computes from the generated rows, whether
 * the files carry column statistics or not (then the profiler reads the columns), over several
 * files and row groups; and the verdict follows the strongest policy among the failed rules.
 */
class QualityGateTest {

    private static final Partition HOUR = Partition.hourly(LocalDate.of(2026, 11, 1), 5);

    @TempDir Path dir;

    /** The generated rows of a partition, and what plain Java says about them. */
    private record Generated(List<List<GenericRecord>> files) {
        List<GenericRecord> all() {
            return files.stream().flatMap(List::stream).toList();
        }

        double nullFraction(String column) {
            return (double) all().stream().filter(r -> r.get(column) == null).count()
                    / all().size();
        }

        long distinct(String column) {
            Set<String> values = new HashSet<>();
            all().stream()
                    .map(r -> r.get(column))
                    .filter(v -> v != null)
                    .forEach(v -> values.add(v.toString()));
            return values.size();
        }

        double mean(String column) {
            double sum = 0;
            long n = 0;
            for (GenericRecord r : all()) {
                if (r.get(column) != null) {
                    sum += ((Number) r.get(column)).doubleValue();
                    n++;
                }
            }
            return sum / n;
        }

        long maxTime() {
            return all().stream().mapToLong(r -> (Long) r.get("event_time")).max().orElseThrow();
        }
    }

    private static Generated generate(long seed, int files, int rowsPerFile) {
        Random random = new Random(seed);
        List<List<GenericRecord>> out = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            List<GenericRecord> rows = new ArrayList<>();
            for (int i = 0; i < rowsPerFile; i++) {
                rows.add(
                        TestRows.row(
                                "e-" + f + "-" + i,
                                random.nextInt(10) < 3 ? null : "u" + random.nextInt(500),
                                random.nextInt(7),
                                Math.round(random.nextDouble() * 10_000) / 100.0,
                                random.nextInt(10) < 2 ? null : random.nextInt(100),
                                HOUR.startMillis() + random.nextInt(3_000_000)));
            }
            out.add(rows);
        }
        return new Generated(out);
    }

    private List<org.apache.flink.core.fs.Path> write(Generated g, boolean statistics)
            throws IOException {
        List<org.apache.flink.core.fs.Path> paths = new ArrayList<>();
        for (int i = 0; i < g.files().size(); i++) {
            Path file = dir.resolve("part-" + i + (statistics ? "" : "-nostats") + ".parquet");
            try (ParquetWriter<GenericRecord> w =
                    AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                            .withConf(new PlainParquetConfiguration())
                            .withSchema(TestRows.SCHEMA)
                            .withDataModel(new GenericData())
                            .withCompressionCodec(CompressionCodecName.SNAPPY)
                            .withStatisticsEnabled(statistics)
                            .withRowGroupSize(16 * 1024L) // several row groups per file
                            .build()) {
                for (GenericRecord r : g.files().get(i)) {
                    w.write(r);
                }
            }
            paths.add(new org.apache.flink.core.fs.Path(file.toUri()));
        }
        return paths;
    }

    private static TableExpectations expectations(PartitionRule... rules) {
        return new TableExpectations("t", "expectations/t.yaml", List.of(rules));
    }

    private static PartitionRule rule(RuleKind kind, String column, Double min, Double max) {
        return new PartitionRule(null, kind, column, min, max, QualityPolicy.WARN);
    }

    private QualityGate.Evaluation evaluate(
            List<org.apache.flink.core.fs.Path> files, PartitionRule... rules) throws IOException {
        FileSystem fs = files.get(0).getFileSystem();
        return new QualityGate(expectations(rules), "run-1").evaluate(fs, HOUR, files);
    }

    @Test
    void everyRuleObservesWhatTheOracleComputes() throws IOException {
        Generated g = generate(42, 3, 4_000);
        for (boolean statistics : new boolean[] {true, false}) {
            QualityGate.Evaluation e =
                    evaluate(
                            write(g, statistics),
                            rule(RuleKind.ROW_COUNT, null, 0.0, null),
                            rule(RuleKind.NULL_FRACTION, "user_id", null, 1.0),
                            rule(RuleKind.NULL_FRACTION, "age", null, 1.0),
                            rule(RuleKind.DISTINCT_COUNT, "user_id", 0.0, null),
                            rule(RuleKind.DISTINCT_COUNT, "clicks", 0.0, null),
                            rule(RuleKind.MEAN, "price", null, 1e9),
                            rule(RuleKind.MEAN, "age", null, 1e9),
                            rule(RuleKind.FRESHNESS, "event_time", null, 1e9));
            List<Double> observed = e.results().stream().map(RuleResult::observed).toList();
            String as = statistics ? "with statistics" : "without statistics";
            assertThat(observed.get(0)).as(as).isEqualTo(12_000.0);
            assertThat(observed.get(1)).as(as).isEqualTo(g.nullFraction("user_id"));
            assertThat(observed.get(2)).as(as).isEqualTo(g.nullFraction("age"));
            assertThat(observed.get(3)).as(as).isEqualTo((double) g.distinct("user_id"));
            assertThat(observed.get(4)).as(as).isEqualTo((double) g.distinct("clicks"));
            assertThat(observed.get(5)).as(as).isCloseTo(g.mean("price"), within(1e-9));
            assertThat(observed.get(6)).as(as).isCloseTo(g.mean("age"), within(1e-9));
            assertThat(observed.get(7)).as(as).isEqualTo((HOUR.endMillis() - g.maxTime()) / 1000.0);
            assertThat(e.verdict()).isEqualTo(QualityVerdict.PUBLISHED);
            assertThat(e.report().rows).isEqualTo(12_000);
            assertThat(e.report().files).hasSize(3);
        }
    }

    @Test
    void boundsAreInclusiveAndEachEndCanFail() throws IOException {
        Generated g = generate(7, 1, 1_000);
        List<org.apache.flink.core.fs.Path> files = write(g, true);
        double mean = g.mean("price");
        QualityGate.Evaluation e =
                evaluate(
                        files,
                        rule(RuleKind.ROW_COUNT, null, 1_000.0, 1_000.0),
                        rule(RuleKind.ROW_COUNT, null, 1_001.0, null),
                        rule(RuleKind.ROW_COUNT, null, null, 999.0),
                        rule(RuleKind.MEAN, "price", mean - 1e-6, mean + 1e-6),
                        rule(RuleKind.MEAN, "price", mean + 1, null));
        assertThat(e.results())
                .extracting(RuleResult::passed)
                .containsExactly(true, false, false, true, false);
    }

    @Test
    void theStrongestPolicyAmongTheFailedRulesDecides() throws IOException {
        List<org.apache.flink.core.fs.Path> files = write(generate(3, 1, 100), true);
        PartitionRule warnFails =
                new PartitionRule("w", RuleKind.ROW_COUNT, null, 101.0, null, QualityPolicy.WARN);
        PartitionRule quarantineFails =
                new PartitionRule(
                        "q",
                        RuleKind.ROW_COUNT,
                        null,
                        null,
                        99.0,
                        QualityPolicy.QUARANTINE_PARTITION);
        PartitionRule quarantinePasses =
                new PartitionRule(
                        "qp",
                        RuleKind.ROW_COUNT,
                        null,
                        100.0,
                        null,
                        QualityPolicy.QUARANTINE_PARTITION);
        PartitionRule failJobFails =
                new PartitionRule(
                        "f", RuleKind.ROW_COUNT, null, 500.0, null, QualityPolicy.FAIL_JOB);
        assertThat(evaluate(files, warnFails, quarantinePasses).verdict())
                .isEqualTo(QualityVerdict.PUBLISHED);
        assertThat(evaluate(files, warnFails, quarantineFails).verdict())
                .isEqualTo(QualityVerdict.QUARANTINED);
        QualityGate.Evaluation stopped = evaluate(files, quarantineFails, failJobFails, warnFails);
        assertThat(stopped.verdict()).isEqualTo(QualityVerdict.STOPPED);
        assertThat(stopped.describeFailures())
                .isEqualTo(
                        "q = 100, expected <= 99 (quarantine-partition); f = 100, expected >= 500"
                                + " (fail-job); w = 100, expected >= 101 (warn)");
    }

    @Test
    void aRuleWithNothingToObservePasses() throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(TestRows.row("e" + i, null, 1, 1.0, null, HOUR.startMillis()));
        }
        List<org.apache.flink.core.fs.Path> files = write(new Generated(List.of(rows)), true);
        QualityGate.Evaluation e =
                evaluate(
                        files,
                        rule(RuleKind.MEAN, "age", 5.0, null),
                        rule(RuleKind.NULL_FRACTION, "age", null, 0.5),
                        rule(RuleKind.DISTINCT_COUNT, "user_id", 1.0, null));
        assertThat(e.results()).extracting(RuleResult::observed).containsExactly(null, 1.0, 0.0);
        assertThat(e.results()).extracting(RuleResult::passed).containsExactly(true, false, false);
        assertThat(Files.list(dir).count()).isEqualTo(1); // the gate itself writes nothing
    }
}
