package io.lakestream.connectors.lake;

import org.apache.avro.Schema;

/**
 * A {@link LakeTable} whose name, partitioning and schema are fixed at construction; subclasses say
 * only how a row is partitioned and becomes a record.
 */
public abstract class AbstractLakeTable<T> implements LakeTable<T> {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final PartitionScheme scheme;
    private final Schema schema;

    protected AbstractLakeTable(String name, PartitionScheme scheme, Schema schema) {
        this.name = name;
        this.scheme = scheme;
        this.schema = schema;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final PartitionScheme scheme() {
        return scheme;
    }

    @Override
    public final Schema schema() {
        return schema;
    }
}
