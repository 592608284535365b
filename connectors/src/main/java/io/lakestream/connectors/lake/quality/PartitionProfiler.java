package io.lakestream.connectors.lake.quality;

import io.lakestream.connectors.lake.read.FlinkInputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Builds a {@link PartitionProfile} from a partition's Parquet files, reading as little as is
 * exact: row counts from the footers; null counts and the maximum of an integer (time) column from
 * the column-chunk statistics when the writer recorded them; distinct values and means — which no
 * footer holds — by reading only the columns concerned (an Avro projection). A file whose
 * statistics are missing is read for those columns too.
 */
final class PartitionProfiler {

    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

    private final Map<String, Set<Measure>> needs;

    /** {@code needs}: per column, what the rules ask for. */
    PartitionProfiler(Map<String, Set<Measure>> needs) {
        this.needs = needs;
    }

    PartitionProfile profile(FileSystem fs, List<Path> files) throws IOException {
        PartitionProfile profile = new PartitionProfile();
        for (Path file : files) {
            add(profile, fs, file);
        }
        return profile;
    }

    private void add(PartitionProfile profile, FileSystem fs, Path file) throws IOException {
        FlinkInputFile input = new FlinkInputFile(fs, file, fs.getFileStatus(file).getLen());
        ParquetMetadata footer;
        try (ParquetFileReader reader = ParquetFileReader.open(input)) {
            footer = reader.getFooter();
        }
        long rows = 0;
        for (BlockMetaData block : footer.getBlocks()) {
            rows += block.getRowCount();
        }
        profile.addRows(rows);
        Map<String, Set<Measure>> toRead = new HashMap<>();
        for (Map.Entry<String, Set<Measure>> e : needs.entrySet()) {
            Set<Measure> scan = EnumSet.noneOf(Measure.class);
            for (Measure m : e.getValue()) {
                if (m == Measure.DISTINCT
                        || m == Measure.MEAN
                        || !fromStatistics(footer, e.getKey(), m, profile.column(e.getKey()))) {
                    scan.add(m);
                }
            }
            if (!scan.isEmpty()) {
                toRead.put(e.getKey(), scan);
            }
        }
        if (!toRead.isEmpty()) {
            scan(profile, input, footer, toRead);
        }
    }

    /**
     * Adds what the footer says exactly about {@code column}; returns false (adding nothing) when
     * the statistics of some row group lack it.
     */
    private static boolean fromStatistics(
            ParquetMetadata footer, String column, Measure measure, ColumnProfile into) {
        long nulls = 0;
        Long max = null;
        for (BlockMetaData block : footer.getBlocks()) {
            ColumnChunkMetaData chunk = chunk(block, column);
            if (chunk == null) {
                return false;
            }
            Statistics<?> stats = chunk.getStatistics();
            if (stats == null || !stats.isNumNullsSet()) {
                return false;
            }
            nulls += stats.getNumNulls();
            if (measure == Measure.MAX && stats.getNumNulls() < block.getRowCount()) {
                PrimitiveTypeName type = chunk.getPrimitiveType().getPrimitiveTypeName();
                if (!stats.hasNonNullValue()
                        || (type != PrimitiveTypeName.INT64 && type != PrimitiveTypeName.INT32)) {
                    return false;
                }
                long blockMax = ((Number) stats.genericGetMax()).longValue();
                max = max == null ? blockMax : Math.max(max, blockMax);
            }
        }
        if (measure == Measure.NULLS) {
            into.addNulls(nulls);
        } else if (max != null) {
            into.addMax(max);
        }
        return true;
    }

    private static ColumnChunkMetaData chunk(BlockMetaData block, String column) {
        for (ColumnChunkMetaData c : block.getColumns()) {
            if (c.getPath().toDotString().equals(column)) {
                return c;
            }
        }
        return null;
    }

    /** Reads only the columns of {@code toRead} and adds their measures. */
    private static void scan(
            PartitionProfile profile,
            FlinkInputFile input,
            ParquetMetadata footer,
            Map<String, Set<Measure>> toRead)
            throws IOException {
        Schema file = avroSchema(footer);
        List<Schema.Field> fields = new ArrayList<>();
        for (String column : toRead.keySet()) {
            Schema.Field f = file.getField(column);
            if (f == null) {
                throw new IOException(input + " has no column " + column);
            }
            fields.add(new Schema.Field(f, f.schema()));
        }
        Schema projection =
                Schema.createRecord(file.getName(), null, file.getNamespace(), false, fields);
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection.toString());
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(input, conf)
                        .withDataModel(new GenericData())
                        .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                for (Map.Entry<String, Set<Measure>> e : toRead.entrySet()) {
                    add(profile.column(e.getKey()), r.get(e.getKey()), e.getValue());
                }
            }
        }
    }

    private static void add(ColumnProfile column, Object value, Set<Measure> measures) {
        if (value == null) {
            if (measures.contains(Measure.NULLS)) {
                column.addNulls(1);
            }
            return;
        }
        if (measures.contains(Measure.DISTINCT)) {
            column.addDistinct(distinctKey(value));
        }
        if (measures.contains(Measure.MEAN) && value instanceof Number n) {
            column.addToMean(n.doubleValue());
        }
        if (measures.contains(Measure.MAX) && value instanceof Number n) {
            column.addMax(n.longValue());
        }
    }

    /** Values equal as the column's content are equal keys (Avro's Utf8 and buffers are not). */
    private static Object distinctKey(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof ByteBuffer b) {
            ByteBuffer copy = ByteBuffer.allocate(b.remaining());
            copy.put(b.duplicate()).flip();
            return copy;
        }
        return value;
    }

    private static Schema avroSchema(ParquetMetadata footer) {
        String json = footer.getFileMetaData().getKeyValueMetaData().get(AVRO_SCHEMA_KEY);
        if (json != null) {
            return new Schema.Parser().parse(json);
        }
        return new AvroSchemaConverter().convert(footer.getFileMetaData().getSchema());
    }
}
