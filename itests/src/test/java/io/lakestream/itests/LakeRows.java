package io.lakestream.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads a lake table the way any Hive-partitioned Parquet reader would (visible {@code .parquet}
 * files of committed partitions, partition from the path), with parquet-avro directly: no
 * Lakestream reading code between the lake and the test's assertions.
 */
final class LakeRows {

    private LakeRows() {}

    /** Rows of a table, each mapped by {@code row}, grouped by partition path. */
    static Map<String, List<String>> byPartition(
            Path lake, String table, Function<GenericRecord, String> row) throws IOException {
        Map<String, List<String>> result = new TreeMap<>();
        records(lake, table)
                .forEach(
                        (partition, records) ->
                                result.put(partition, records.stream().map(row).toList()));
        return result;
    }

    /** The committed records of {@code table}, per partition path. */
    static Map<String, List<GenericRecord>> records(Path lake, String table) throws IOException {
        return records(lake, table, "");
    }

    /**
     * As {@link #byPartition(Path, String, Function)}, for the partitions under {@code under} only
     * (e.g. {@code date=2026-11-01}): one day of a large lake at a time.
     */
    static Map<String, List<String>> byPartition(
            Path lake, String table, String under, Function<GenericRecord, String> row)
            throws IOException {
        Map<String, List<String>> result = new TreeMap<>();
        records(lake, table, under)
                .forEach(
                        (partition, records) ->
                                result.put(partition, records.stream().map(row).toList()));
        return result;
    }

    private static Map<String, List<GenericRecord>> records(Path lake, String table, String under)
            throws IOException {
        Map<String, List<GenericRecord>> result = new TreeMap<>();
        Path root = lake.resolve(table);
        if (!Files.isDirectory(root.resolve(under))) {
            return result;
        }
        try (Stream<Path> files = Files.walk(root.resolve(under))) {
            for (Path f : files.filter(LakeRows::isVisibleParquet).sorted().toList()) {
                Path dir = f.getParent();
                if (Files.exists(dir.resolve("_SUCCESS"))) {
                    result.computeIfAbsent(root.relativize(dir).toString(), k -> new ArrayList<>())
                            .addAll(read(f));
                }
            }
        }
        return result;
    }

    /** Rows in every visible data file of the table, in published partitions or not. */
    static long visibleRows(Path lake, String table) throws IOException {
        if (!Files.isDirectory(lake.resolve(table))) {
            return 0;
        }
        long rows = 0;
        for (Path f : visibleFiles(lake, table)) {
            rows += read(f).size();
        }
        return rows;
    }

    /** Every visible data file of the table, committed or not. */
    static List<Path> visibleFiles(Path lake, String table) throws IOException {
        try (Stream<Path> files = Files.walk(lake.resolve(table))) {
            return files.filter(LakeRows::isVisibleParquet).toList();
        }
    }

    /** Hidden files left in partition folders other than sidecars and the markers' temp files. */
    static List<Path> leftovers(Path lake, String table) throws IOException {
        try (Stream<Path> files = Files.walk(lake.resolve(table))) {
            return files.filter(p -> p.getFileName().toString().contains("inprogress")).toList();
        }
    }

    private static boolean isVisibleParquet(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && name.endsWith(".parquet") && !name.startsWith(".");
    }

    private static List<GenericRecord> read(Path file) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(
                                HadoopInputFile.fromPath(
                                        new org.apache.hadoop.fs.Path(file.toString()),
                                        new Configuration()))
                        .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                out.add(r);
            }
        }
        return out;
    }
}
