package io.lakestream.bench.profile;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;

/**
 * Which library a sampled stack is working in: the first frame (from the top) that belongs to a
 * known library names it, so that time in the JDK (collections, String, compression streams) counts
 * for the library that called it.
 */
final class Library {

    private static final List<String[]> PREFIXES =
            List.of(
                    new String[] {
                        "org.apache.parquet.", "Parquet (encoding, compression, writing)"
                    },
                    new String[] {"shaded.parquet.", "Parquet (encoding, compression, writing)"},
                    new String[] {"org.xerial.snappy.", "Snappy compression"},
                    new String[] {"org.apache.avro.", "Avro (row → Parquet record)"},
                    new String[] {"com.fasterxml.jackson.", "Jackson (JSON decode)"},
                    new String[] {"org.apache.kafka.", "Kafka client (fetch, records)"},
                    new String[] {"org.rocksdb.", "RocksDB"},
                    new String[] {"org.apache.datasketches.", "DataSketches"},
                    new String[] {"io.lakestream.", "Lakestream's own code"},
                    new String[] {"org.apache.flink.connector.kafka.", "Flink Kafka connector"},
                    new String[] {"org.apache.flink.runtime.io.network.", "Flink network stack"},
                    new String[] {"org.apache.flink.api.common.typeutils.", "Flink serializers"},
                    new String[] {"org.apache.flink.api.java.typeutils.", "Flink serializers"},
                    new String[] {"org.apache.flink.", "Flink runtime (other)"},
                    new String[] {"org.apache.hadoop.", "Hadoop (Parquet's file API)"});

    private Library() {}

    static String of(List<RecordedFrame> trace) {
        for (RecordedFrame f : trace) {
            String type = f.getMethod().getType().getName();
            for (String[] p : PREFIXES) {
                if (type.startsWith(p[0])) {
                    return p[1];
                }
            }
        }
        return "JDK only";
    }
}
