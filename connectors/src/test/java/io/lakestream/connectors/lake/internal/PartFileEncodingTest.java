package io.lakestream.connectors.lake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table's id columns are written without a dictionary, its other columns with one. */
class PartFileEncodingTest {

    private static final Schema SCHEMA =
            SchemaBuilder.record("row")
                    .fields()
                    .requiredString("id")
                    .requiredString("kind")
                    .endRecord();

    @Test
    void columnsWithoutDictionaryAreWrittenPlain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("part.parquet");
        try (FSDataOutputStream out =
                FileSystem.getLocalFileSystem()
                        .create(
                                new org.apache.flink.core.fs.Path(file.toUri()),
                                FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<GenericRecord> writer = PartFile.parquet(SCHEMA, Set.of("id")).create(out);
            for (int i = 0; i < 10_000; i++) {
                GenericRecord r = new GenericData.Record(SCHEMA);
                r.put(0, "id-" + i);
                r.put(1, i % 3 == 0 ? "click" : "impression");
                writer.addElement(r);
            }
            writer.finish();
        }
        Map<String, Boolean> dictionary = new HashMap<>();
        long rows = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                rows += block.getRowCount();
                for (ColumnChunkMetaData c : block.getColumns()) {
                    dictionary.merge(
                            c.getPath().toDotString(), c.hasDictionaryPage(), Boolean::logicalOr);
                }
            }
        }
        assertThat(rows).isEqualTo(10_000);
        assertThat(dictionary)
                .containsExactlyInAnyOrderEntriesOf(Map.of("id", false, "kind", true));
    }
}
