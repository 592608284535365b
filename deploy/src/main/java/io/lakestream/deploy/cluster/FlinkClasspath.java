package io.lakestream.deploy.cluster;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The classpath of the cluster's JVMs: this JVM's, less everything a stock Flink distribution does
 * not have in its {@code lib/} — Lakestream's own classes, the connectors and formats, Kafka,
 * Parquet, Avro, Hadoop, DataSketches, picocli, plain Jackson. Those reach the cluster only inside
 * the job jar, as on any real cluster; a cluster that had them would hide a job jar that lacks
 * them.
 */
public final class FlinkClasspath {

    /** Path fragments of the jars that a job brings in its own jar. */
    static final List<String> JOB_JAR_CONTENT =
            List.of(
                    "/io/lakestream/",
                    "/flink-connector-",
                    "/flink-parquet",
                    "/flink-avro",
                    "/flink-file-sink-common",
                    "/org/apache/parquet/",
                    "/org/apache/avro/",
                    "/org/apache/hadoop/",
                    "/org/apache/datasketches/",
                    "/org/apache/kafka/",
                    "/info/picocli/",
                    "/com/fasterxml/jackson/");

    private FlinkClasspath() {}

    /** This JVM's classpath, filtered. */
    public static String ofThisJvm() {
        return of(System.getProperty("java.class.path"));
    }

    /** {@code classpath} without folders (classes of a build) and without the job's jars. */
    public static String of(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(
                        entry ->
                                JOB_JAR_CONTENT.stream()
                                        .noneMatch(
                                                fragment ->
                                                        entry.replace(File.separatorChar, '/')
                                                                .contains(fragment)))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
