package io.lakestream.connectors.lake;

/**
 * How a {@link LakeSink} publishes partitions.
 *
 * <ul>
 *   <li>{@link #APPEND}: a stream. Files become visible at each checkpoint; a partition is marked
 *       complete ({@code _MANIFEST.json}, {@code _SUCCESS}) once every writer's watermark has
 *       passed its end.
 *   <li>{@link #OVERWRITE}: a backfill. Partitions are written to a hidden staging folder and, when
 *       the job has finished ({@link LakeFinalizer}), swapped in place of every partition of the
 *       run's date range, so a backfill replaces exactly its partitions and running it twice gives
 *       the same result.
 * </ul>
 */
public enum SinkMode {
    APPEND,
    OVERWRITE
}
