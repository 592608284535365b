/**
 * Sketch state types — distinct count (HyperLogLog), frequent items (Misra-Gries) and a Bloom
 * filter — built on Apache DataSketches, each mergeable, deterministic (the same input gives the
 * same serialized bytes in a stream run and a backfill) and with versioned Flink serializers.
 */
package io.lakestream.state.sketch;
