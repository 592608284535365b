package io.lakestream.pipelines.tables;

import io.lakestream.connectors.lake.AbstractLakeTable;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.pipelines.model.QuarantineRecord;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code _quarantine} table: records that broke the contract, by arrival date, with the raw
 * payload, the Kafka topic/partition/offset and the reason.
 */
public final class QuarantineTable extends AbstractLakeTable<QuarantineRecord> {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "_quarantine";

    static final Schema SCHEMA =
            SchemaBuilder.record("quarantine")
                    .fields()
                    .name("raw")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("raw_encoding")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("topic")
                    .type(Columns.STRING)
                    .noDefault()
                    .name("partition")
                    .type(Columns.INT)
                    .noDefault()
                    .name("offset")
                    .type(Columns.LONG)
                    .noDefault()
                    .name("arrival_time")
                    .type(Columns.timestamp())
                    .noDefault()
                    .name("reason")
                    .type(Columns.STRING)
                    .noDefault()
                    .endRecord();

    public QuarantineTable() {
        super(NAME, PartitionScheme.DATE, SCHEMA);
    }

    @Override
    public long partitionTime(QuarantineRecord row) {
        return row.arrival;
    }

    @Override
    public int sourcePartition(QuarantineRecord row) {
        return row.partition;
    }

    @Override
    public long sourceOffset(QuarantineRecord row) {
        return row.offset;
    }

    @Override
    public GenericRecord toRecord(QuarantineRecord q, GenericRecord r) {
        r.put(0, q.raw);
        r.put(1, q.rawEncoding);
        r.put(2, q.topic);
        r.put(3, q.partition);
        r.put(4, q.offset);
        r.put(5, q.arrival);
        r.put(6, q.reason);
        return r;
    }
}
