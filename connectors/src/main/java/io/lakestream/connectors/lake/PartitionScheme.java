package io.lakestream.connectors.lake;

/** How a table is partitioned: by event date, or by event date and hour (UTC). */
public enum PartitionScheme {
    DATE,
    DATE_HOUR
}
