package io.lakestream.bench.latency;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.pipelines.tables.EventsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Watches a lake's {@code events} table as a reader would: only visible files count (in-progress
 * files are hidden until the checkpoint that wrote them completes). Each file newly listed is
 * stamped with the time it was first seen, then its {@code event_id} and {@code event_time} columns
 * are read: an event's latency is that stamp minus its event time, which the producer set to its
 * produce time.
 */
final class LakeWatcher {

    private final LakeReader lake;
    private final LiveProducer producer;
    private final Set<String> seenFiles = new HashSet<>();
    private final BitSet seen = new BitSet();
    private final PlainParquetConfiguration projection = new PlainParquetConfiguration();
    private int[] latencies = new int[1 << 16];
    private int count;
    private long duplicates;
    private long foreign;
    private int files;

    LakeWatcher(Path lake, LiveProducer producer) throws IOException {
        this.lake = LakeReader.local(lake);
        this.producer = producer;
        Schema full = new EventsTable().schema();
        List<Schema.Field> fields = new ArrayList<>();
        for (String name : List.of("event_id", "event_time")) {
            Schema.Field f = full.getField(name);
            fields.add(new Schema.Field(f, f.schema()));
        }
        Schema ids =
                Schema.createRecord(
                        full.getName(), full.getDoc(), full.getNamespace(), false, fields);
        projection.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, ids.toString());
    }

    /** Lists the table once: stamps the new visible files, then reads them. */
    void poll() throws IOException {
        List<LakeFile> fresh = new ArrayList<>();
        for (Partition p : lake.partitions("events")) {
            for (LakeFile f : lake.dataFiles("events", p)) {
                if (seenFiles.add(f.path().toString())) {
                    fresh.add(f);
                }
            }
        }
        long visible = System.currentTimeMillis();
        for (LakeFile f : fresh) {
            read(f, visible);
        }
    }

    private void read(LakeFile file, long visible) throws IOException {
        files++;
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(
                                new LocalInputFile(Path.of(file.path().toUri())), projection)
                        .withDataModel(new GenericData())
                        .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                long n = producer.number(r.get("event_id").toString());
                if (n < 0 || n > Integer.MAX_VALUE) {
                    foreign++;
                    continue;
                }
                if (seen.get((int) n)) {
                    duplicates++;
                    continue;
                }
                seen.set((int) n);
                add((int) (visible - (Long) r.get("event_time")));
            }
        }
    }

    private void add(int latencyMillis) {
        if (count == latencies.length) {
            latencies = java.util.Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = latencyMillis;
    }

    /** Distinct events of the producer seen so far. */
    long distinct() {
        return count;
    }

    /** Whether every one of the first {@code n} events has been seen. */
    boolean seenAll(long n) {
        return seen.nextClearBit(0) >= n;
    }

    long duplicates() {
        return duplicates;
    }

    /** Rows that are not the producer's events. */
    long foreign() {
        return foreign;
    }

    int files() {
        return files;
    }

    /** The latencies seen, in ms, sorted. */
    int[] sortedLatencies() {
        int[] sorted = java.util.Arrays.copyOf(latencies, count);
        java.util.Arrays.sort(sorted);
        return sorted;
    }
}
