package io.lakestream.bench.state;

/**
 * The state backends compared: Flink's heap backend (state as Java objects, full snapshots) and
 * RocksDB with incremental checkpoints, which is what a Lakestream stream uses ({@code
 * StateSettings#streaming}).
 */
enum StateBackendKind {
    HEAP("hashmap", "heap (HashMapStateBackend, full checkpoints)"),
    ROCKSDB("rocksdb", "RocksDB (incremental checkpoints, Lakestream's default)");

    /** The value of Flink's {@code state.backend.type}. */
    final String flinkName;

    final String label;

    StateBackendKind(String flinkName, String label) {
        this.flinkName = flinkName;
        this.label = label;
    }
}
