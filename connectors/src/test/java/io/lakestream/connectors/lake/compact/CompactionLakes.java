package io.lakestream.connectors.lake.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.TestRow;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeVerifier;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Lake helpers shared by the compaction integration tests: reading a partition of a {@link TestRow}
 * table back (rows, file bytes, layout, manifests), copying and snapshotting lakes on the local
 * file system, and the oracle side (rows by partition, their checksum) with a clean verify.
 */
final class CompactionLakes {

    private CompactionLakes() {}

    /** The rows of {@code p}, file by file in the lake's order. */
    static List<TestRow> readRows(LakeReader lake, String table, Partition p) throws IOException {
        List<TestRow> rows = new ArrayList<>();
        for (LakeFile f : lake.dataFiles(table, p)) {
            rows.addAll(readRows(lake, f));
        }
        return rows;
    }

    /** The rows of one data file, in file order. */
    static List<TestRow> readRows(LakeReader lake, LakeFile f) throws IOException {
        List<TestRow> rows = new ArrayList<>();
        for (GenericRecord r : lake.readAll(f)) {
            TestRow row = new TestRow();
            row.id = r.get(0).toString();
            row.ts = (Long) r.get(1);
            row.value = (Double) r.get(2);
            rows.add(row);
        }
        return rows;
    }

    /** The data files of {@code p}: name -> bytes, by name. */
    static Map<String, byte[]> fileBytes(LakeReader lake, String table, Partition p)
            throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (LakeFile f : lake.dataFiles(table, p)) {
            files.put(f.name(), Files.readAllBytes(Path.of(f.path().toUri())));
        }
        return files;
    }

    /** The data files of {@code p}: name -> SHA-256 of the bytes in hex, by name (comparable). */
    static Map<String, String> fileHashes(LakeReader lake, String table, Partition p)
            throws IOException {
        Map<String, String> files = new TreeMap<>();
        fileBytes(lake, table, p).forEach((name, bytes) -> files.put(name, sha256(bytes)));
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every partition of {@code table}: its data files as {@code name:bytes}. */
    static Map<Partition, List<String>> layout(LakeReader lake, String table) throws IOException {
        Map<Partition, List<String>> m = new TreeMap<>();
        for (Partition p : lake.partitions(table)) {
            m.put(
                    p,
                    lake.dataFiles(table, p).stream()
                            .map(f -> f.name() + ":" + f.bytes())
                            .toList());
        }
        return m;
    }

    /** Every partition of {@code table} with its manifest. */
    static Map<Partition, PartitionManifest> manifests(LakeReader lake, String table)
            throws IOException {
        Map<Partition, PartitionManifest> m = new TreeMap<>();
        for (Partition p : lake.partitions(table)) {
            m.put(p, lake.manifest(table, p).orElseThrow());
        }
        return m;
    }

    /** Every file under {@code root}: relative path -> size and modification time. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                m.put(
                        root.relativize(f).toString(),
                        Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return m;
    }

    /** Copies the tree {@code from} to {@code to}; returns {@code to}. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    /** A lake holding one partition of {@code from}'s {@code table}. */
    static Path onePartitionLake(Path from, String table, Partition p, Path to) throws IOException {
        copy(from.resolve(table).resolve(p.path()), to.resolve(table).resolve(p.path()));
        return to;
    }

    /** A clean verify of the whole lake. */
    static void assertConsistent(LakeReader lake) throws IOException {
        assertThat(new LakeVerifier(lake).verify(LakeSelection.all()).problems()).isEmpty();
    }

    /** The oracle's rows by hourly partition. */
    static Map<Partition, List<TestRow>> byPartition(List<TestRow> rows) {
        Map<Partition, List<TestRow>> m = new HashMap<>();
        for (TestRow r : rows) {
            m.computeIfAbsent(Partition.of(PartitionScheme.DATE_HOUR, r.ts), k -> new ArrayList<>())
                    .add(r);
        }
        return m;
    }

    static List<Partition> sorted(Map<Partition, ?> m) {
        return m.keySet().stream().sorted().toList();
    }

    /** The oracle checksum, by the documented encoding of the test table's three columns. */
    static long oracleChecksum(List<TestRow> rows) {
        long sum = 0;
        for (TestRow r : rows) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            try {
                byte[] id = r.id.getBytes(StandardCharsets.UTF_8);
                out.writeByte(1);
                out.writeInt(id.length);
                out.write(id);
                out.writeByte(1);
                out.writeLong(r.ts);
                if (r.value == null) {
                    out.writeByte(0);
                } else {
                    out.writeByte(1);
                    out.writeLong(Double.doubleToLongBits(r.value == 0.0 ? 0.0 : r.value));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sum += MurmurHash3.hash128x64(bytes.toByteArray())[0];
        }
        return sum;
    }
}
