package io.lakestream.connectors.lake.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The footer of a compacted file is the same whatever order parquet-mr listed the encodings in,
 * which depends on the JVM (apache/parquet-java#3215): a footer with its lists permuted comes out
 * as the canonical one, and the file reads back the same rows.
 */
class CanonicalFooterStreamTest {

    private static final Schema SCHEMA =
            SchemaBuilder.record("r")
                    .fields()
                    .requiredString("id")
                    .optionalDouble("value")
                    .endRecord();

    @TempDir static Path dir;

    private static List<GenericRecord> rows;
    private static Path file;
    private static byte[] canonical;

    @BeforeAll
    static void writeAFile() throws IOException {
        Random r = new Random(3);
        rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            GenericRecord row = new GenericData.Record(SCHEMA);
            row.put("id", "id-" + r.nextInt(200)); // a dictionary
            row.put("value", i % 5 == 0 ? null : r.nextDouble()); // definition levels
            rows.add(row);
        }
        file = dir.resolve("f.parquet");
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        try (ParquetWriter<GenericRecord> w =
                AvroParquetWriter.<GenericRecord>builder(
                                new FlinkOutputFile(path.getFileSystem(), path))
                        .withConf(new PlainParquetConfiguration())
                        .withSchema(SCHEMA)
                        .withDataModel(GenericData.get())
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withDictionaryEncoding(true)
                        .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                        .build()) {
            for (GenericRecord row : rows) {
                w.write(row);
            }
        }
        canonical = Files.readAllBytes(file);
    }

    @Test
    void writesEveryEncodingListSorted() throws IOException {
        List<List<Encoding>> lists = encodings(canonical);
        assertThat(lists).anyMatch(l -> l.size() > 1);
        for (List<Encoding> l : lists) {
            assertThat(l).extracting(Encoding::getValue).isSorted();
        }
        assertThat(CanonicalFooterStream.canonicalTail(canonical)).isSameAs(canonical);
    }

    @Test
    void anyOrderOfTheEncodingsGivesTheCanonicalBytes() throws IOException {
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) {
            byte[] shuffled = withFooter(canonical, l -> Collections.shuffle(l, random));
            if (i == 0) {
                shuffled = withFooter(canonical, Collections::reverse);
                assertThat(shuffled).isNotEqualTo(canonical);
            }
            assertThat(CanonicalFooterStream.canonicalTail(shuffled)).isEqualTo(canonical);
            // through the stream, in pieces, holding back less than the file but all the footer
            assertThat(throughStream(shuffled, 4096)).isEqualTo(canonical);
        }
        Path again = dir.resolve("again.parquet");
        Files.write(
                again,
                CanonicalFooterStream.canonicalTail(withFooter(canonical, Collections::reverse)));
        assertThat(read(again)).isEqualTo(rows);
    }

    @Test
    void leavesAFooterLargerThanWhatIsHeldBackAsItIs() throws IOException {
        byte[] reversed = withFooter(canonical, Collections::reverse);
        int footer =
                ByteBuffer.wrap(reversed, reversed.length - 8, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
        assertThat(throughStream(reversed, (footer + 8) / 2)).isEqualTo(reversed);
        byte[] notParquet = Arrays.copyOf(canonical, canonical.length - 1);
        assertThat(throughStream(notParquet, 1024)).isEqualTo(notParquet);
    }

    private static byte[] throughStream(byte[] bytes, int held) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CanonicalFooterStream s = new CanonicalFooterStream(out, held);
        int i = 0;
        int piece = 1;
        while (i < bytes.length) {
            if (piece % 7 == 0) {
                s.write(bytes[i++]);
            } else {
                int n = Math.min(piece * 97, bytes.length - i);
                s.write(bytes, i, n);
                i += n;
            }
            piece++;
            assertThat(s.getPos()).isEqualTo(i);
        }
        s.close();
        return out.toByteArray();
    }

    private static FileMetaData footer(byte[] file) throws IOException {
        int n = file.length;
        int length = ByteBuffer.wrap(file, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(file, n - 8 - length, length));
    }

    private static List<List<Encoding>> encodings(byte[] file) throws IOException {
        List<List<Encoding>> lists = new ArrayList<>();
        for (RowGroup g : footer(file).getRow_groups()) {
            for (ColumnChunk c : g.getColumns()) {
                lists.add(c.getMeta_data().getEncodings());
            }
        }
        return lists;
    }

    /** {@code file} with {@code change} applied to every encoding list of its footer. */
    private static byte[] withFooter(byte[] file, Consumer<List<Encoding>> change)
            throws IOException {
        int n = file.length;
        int length = ByteBuffer.wrap(file, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData footer = footer(file);
        for (RowGroup g : footer.getRow_groups()) {
            for (ColumnChunk c : g.getColumns()) {
                List<Encoding> l = new ArrayList<>(c.getMeta_data().getEncodings());
                change.accept(l);
                c.getMeta_data().setEncodings(l);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, n - 8 - length);
        Util.writeFileMetaData(footer, out);
        out.write(file, n - 8, 8); // a permutation has the same length
        return out.toByteArray();
    }

    private static List<GenericRecord> read(Path p) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> r =
                AvroParquetReader.<GenericRecord>builder(new LocalInputFile(p))
                        .withDataModel(GenericData.get())
                        .withConf(new PlainParquetConfiguration())
                        .build()) {
            for (GenericRecord row = r.read(); row != null; row = r.read()) {
                out.add(row);
            }
        }
        return out;
    }
}
