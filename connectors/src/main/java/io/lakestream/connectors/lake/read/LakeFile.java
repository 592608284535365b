package io.lakestream.connectors.lake.read;

import org.apache.flink.core.fs.Path;

/**
 * A visible data file of a partition as listed on disk: its name (relative to the partition
 * directory, as {@code _MANIFEST.json} names it), its location and its size in bytes.
 */
public record LakeFile(String name, Path path, long bytes) {}
