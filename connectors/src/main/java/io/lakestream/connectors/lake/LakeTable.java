package io.lakestream.connectors.lake;

import java.io.Serializable;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * How rows of type {@code T} land in one lake table: its name, its partitioning, its Parquet (Avro)
 * schema and how a row becomes a record.
 *
 * <p>The schema holds the data columns only; the partition columns {@code date} and {@code hour}
 * live in the directory names (Hive style), so any Parquet reader with Hive partitioning sees them.
 *
 * <pre>{@code
 * stream.sinkTo(LakeSink.forTable(new EventsTable()).lake("/data/lake").build());
 * }</pre>
 */
public interface LakeTable<T> extends Serializable {

    /** Folder name under the lake root, e.g. {@code events} or {@code _quarantine}. */
    String name();

    PartitionScheme scheme();

    /** The data columns, in file order. */
    Schema schema();

    /**
     * Columns written without Parquet's dictionary encoding: ids whose values are nearly all
     * distinct within a file. A dictionary cannot shrink them, and building it costs a hash lookup
     * per value and a rehash of every entry each time it grows, until it passes its page size and
     * the writer falls back to plain encoding anyway (in a stream's ingest that was about a fifth
     * of the task threads' time, JFR: docs/benchmarks.md). Default: none.
     */
    default Set<String> columnsWithoutDictionary() {
        return Set.of();
    }

    /** The instant that decides the row's partition (event time; arrival time for quarantine). */
    long partitionTime(T row);

    /**
     * The earliest event time the row covers, for the manifest's event-time range: the row's own
     * time for an event, the first event's for an aggregate.
     */
    default long firstEventTime(T row) {
        return partitionTime(row);
    }

    /** The latest event time the row covers. */
    default long lastEventTime(T row) {
        return partitionTime(row);
    }

    /** The Kafka partition the row was read from, or -1 for rows that are not single records. */
    default int sourcePartition(T row) {
        return -1;
    }

    /** The Kafka offset the row was read from (when {@link #sourcePartition} is not -1). */
    default long sourceOffset(T row) {
        return -1;
    }

    /** Fills {@code record} (of {@link #schema()}) from {@code row}. */
    GenericRecord toRecord(T row, GenericRecord record);
}
