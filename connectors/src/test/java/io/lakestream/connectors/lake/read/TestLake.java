package io.lakestream.connectors.lake.read;

import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.TestRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes small lakes for tests the way the sink lays them out: snappy Parquet via parquet-avro, and
 * a manifest whose checksums come from the {@link TestRows} oracle, not from the code under test.
 */
final class TestLake {

    final Path root;

    TestLake(Path root) {
        this.root = root;
    }

    LakeReader reader() throws IOException {
        return LakeReader.local(root);
    }

    Path dir(String table, String partition) {
        return root.resolve(table).resolve(partition);
    }

    /** Writes {@code part-<i>.parquet} per list, then the manifest and {@code _SUCCESS}. */
    @SafeVarargs
    final Path commit(String table, String partition, List<GenericRecord>... files)
            throws IOException {
        Path dir = writeFiles(table, partition, files);
        PartitionManifest m = new PartitionManifest();
        m.table = table;
        m.partition = partition;
        m.runId = "test";
        m.mode = "backfill";
        long total = 0;
        for (int i = 0; i < files.length; i++) {
            String name = "part-" + i + ".parquet";
            long sum = TestRows.oracleChecksum(files[i]);
            m.files.add(
                    new PartitionManifest.FileEntry(
                            name,
                            files[i].size(),
                            Files.size(dir.resolve(name)),
                            RowChecksum.format(sum)));
            m.rows += files[i].size();
            total += sum;
        }
        m.checksum = RowChecksum.format(total);
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());
        Files.createFile(dir.resolve(PartitionManifest.SUCCESS_FILE));
        return dir;
    }

    /**
     * Replaces the partition with {@code part-<i>.parquet} per list, with no manifest and no {@code
     * _SUCCESS}.
     */
    @SafeVarargs
    final Path writeFiles(String table, String partition, List<GenericRecord>... files)
            throws IOException {
        Path dir = dir(table, partition);
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        for (int i = 0; i < files.length; i++) {
            writeParquet(dir.resolve("part-" + i + ".parquet"), files[i]);
        }
        return dir;
    }

    static void writeParquet(Path file, List<GenericRecord> rows) throws IOException {
        Files.deleteIfExists(file);
        try (ParquetWriter<GenericRecord> writer =
                AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                        .withConf(new PlainParquetConfiguration())
                        .withSchema(TestRows.SCHEMA)
                        .withDataModel(new GenericData())
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .build()) {
            for (GenericRecord r : rows) {
                writer.write(r);
            }
        }
    }

    static PartitionManifest readManifest(Path dir) throws IOException {
        try (var in = Files.newInputStream(dir.resolve(PartitionManifest.FILE_NAME))) {
            return PartitionManifest.read(in);
        }
    }

    static void writeManifest(Path dir, PartitionManifest m) throws IOException {
        Files.write(dir.resolve(PartitionManifest.FILE_NAME), m.toJson());
    }
}
