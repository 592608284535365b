package io.lakestream.pipelines.tables;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Avro column types shared by the lake tables' schemas. */
final class Columns {
    private Columns() {}

    static final Schema STRING = Schema.create(Schema.Type.STRING);
    static final Schema LONG = Schema.create(Schema.Type.LONG);
    static final Schema INT = Schema.create(Schema.Type.INT);
    static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    /** A UTC instant in milliseconds (Parquet TIMESTAMP(MILLIS, adjusted to UTC)). */
    static Schema timestamp() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    static Schema nullable(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }
}
