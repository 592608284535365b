package io.lakestream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkClasspathTest {

    private static final String M2 = "/home/u/.m2/repository";

    @Test
    void keepsFlinksRuntimeAndDropsWhatTheJobJarBrings() {
        List<String> kept =
                List.of(
                        M2 + "/org/apache/flink/flink-runtime/2.2.0/flink-runtime-2.2.0.jar",
                        M2 + "/org/apache/flink/flink-clients/2.2.0/flink-clients-2.2.0.jar",
                        M2 + "/org/apache/flink/flink-statebackend-rocksdb/2.2.0/x.jar",
                        M2 + "/org/apache/commons/commons-lang3/3.18.0/commons-lang3-3.18.0.jar",
                        M2 + "/org/apache/logging/log4j/log4j-core/2.24.3/log4j-core-2.24.3.jar");
        List<String> dropped =
                List.of(
                        "/work/lakestream/deploy/target/classes",
                        "/work/lakestream/itests/target/test-classes",
                        M2 + "/io/lakestream/lakestream-job/0.1.0/lakestream-job-0.1.0.jar",
                        M2 + "/org/apache/flink/flink-connector-kafka/5.0.0-2.2/k.jar",
                        M2 + "/org/apache/flink/flink-parquet/2.2.0/flink-parquet-2.2.0.jar",
                        M2 + "/org/apache/parquet/parquet-hadoop/1.15.2/p.jar",
                        M2 + "/org/apache/hadoop/hadoop-client-api/3.4.1/h.jar",
                        M2 + "/org/apache/kafka/kafka-clients/4.2.0/kafka-clients-4.2.0.jar",
                        M2 + "/org/apache/datasketches/datasketches-java/6.2.0/d.jar",
                        M2 + "/info/picocli/picocli/4.7.7/picocli-4.7.7.jar",
                        M2 + "/com/fasterxml/jackson/core/jackson-databind/2.19.2/j.jar");
        String classpath =
                String.join(
                        File.pathSeparator,
                        java.util.stream.Stream.concat(kept.stream(), dropped.stream()).toList());
        assertThat(FlinkClasspath.of(classpath).split(File.pathSeparator))
                .containsExactlyElementsOf(kept);
    }
}
