package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.TestTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Committed data files of a {@link TestTable} sink, as its writers and committer would leave them
 * (a visible Parquet file and its statistics sidecar), and the messages a partition committer
 * receives for them.
 */
final class CommittedFiles {

    private CommittedFiles() {}

    /** A committed file {@code name} in partition {@code p}: one row per value, in order. */
    static LakeCommittable write(LakeSinkConfig config, Partition p, String name, double... values)
            throws IOException {
        Path dir = Path.of(config.writeDir().getPath()).resolve(p.path());
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Schema schema = new TestTable("t").schema();
        try (ParquetWriter<GenericRecord> w =
                AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                        .withConf(new PlainParquetConfiguration())
                        .withSchema(schema)
                        .withDataModel(new GenericData())
                        .build()) {
            for (int i = 0; i < values.length; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("id", name + i);
                r.put("ts", p.startMillis() + i);
                r.put("value", values[i]);
                w.write(r);
            }
        }
        LakeCommittable c =
                LakeCommittable.file(
                        p.path(),
                        name,
                        1,
                        new byte[0],
                        values.length,
                        Files.size(file),
                        1,
                        p.startMillis(),
                        p.startMillis() + Math.max(0, values.length - 1),
                        "");
        FileStats.of(c)
                .write(
                        FileSystem.getLocalFileSystem(),
                        new org.apache.flink.core.fs.Path(file.toUri()));
        return c;
    }

    /** {@code rows} rows of value 1. */
    static double[] ones(int rows) {
        double[] v = new double[rows];
        Arrays.fill(v, 1.0);
        return v;
    }

    static StreamRecord<CommittableMessage<LakeCommittable>> message(
            LakeCommittable c, long checkpoint) {
        return new StreamRecord<>(new CommittableWithLineage<>(c, checkpoint, 0));
    }

    /** The marker of the only writer subtask: every file of {@code checkpoint} has arrived. */
    static StreamRecord<CommittableMessage<LakeCommittable>> marker(long checkpoint) {
        return message(LakeCommittable.marker(0, 1), checkpoint);
    }
}
