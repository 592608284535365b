package io.lakestream.connectors.lake.source;

import io.lakestream.connectors.lake.Partition;
import java.io.Serializable;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns one row of a lake file into the source's element. It runs inside Flink's file source
 * reader, once per row.
 *
 * <p>The record holds the file's data columns as the plain Avro data model reads them (no
 * logical-type conversions), the same types {@link
 * io.lakestream.connectors.lake.LakeTable#toRecord} wrote and {@link
 * io.lakestream.connectors.lake.RowChecksum} hashes:
 *
 * <ul>
 *   <li>{@code timestamp-millis} (and every other {@code long}) is a {@link Long} of epoch
 *       milliseconds, never an {@link java.time.Instant};
 *   <li>strings are {@link CharSequence}s ({@link org.apache.avro.util.Utf8}): call {@code
 *       toString()};
 *   <li>a nullable column ({@code ["null", T]}) is {@code null} or the value.
 * </ul>
 *
 * <p>The partition columns ({@code date}, {@code hour}) are not in the record (they live in the
 * folder names); {@code partition} says which partition the file belongs to.
 */
@FunctionalInterface
public interface LakeRecordMapper<T> extends Serializable {

    /** The element for {@code record}, or null to skip the row. */
    T map(GenericRecord record, Partition partition);
}
