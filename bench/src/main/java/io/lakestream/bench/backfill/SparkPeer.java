package io.lakestream.bench.backfill;

import io.lakestream.connectors.kafka.ReplayPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * The Spark contenders, {@code bench/spark-peer}: the lake backfill's ({@code SparkBackfill}, over
 * the lake's Parquet) and the Kafka replay's ({@code SparkReplay}, Spark's Kafka source over the
 * replay's offsets), in a Maven project of their own, outside the reactor (Spark's Jackson,
 * Parquet, Scala and Hadoop conflict with Flink's, and CI need not download Spark), built here on
 * first use and run as a child JVM per run. The child's whole life — JVM and SparkSession start
 * included — is its run's time, as the MiniCluster's start is Lakestream's.
 */
final class SparkPeer {

    /** What Spark 4 needs opened on Java 17 (the list its own launcher passes). */
    static final List<String> JVM_FLAGS =
            List.of(
                    "-XX:+IgnoreUnrecognizedVMOptions",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "-Djdk.reflect.useDirectMethodHandle=false",
                    "-Dio.netty.tryReflectionSetAccessible=true");

    static final String BACKFILL_MAIN = "io.lakestream.bench.spark.SparkBackfill";

    static final String REPLAY_MAIN = "io.lakestream.bench.spark.SparkReplay";

    static final String VERSION = "4.0.1";

    private final Path project;
    private final String heap;

    /**
     * @param project the {@code bench/spark-peer} folder
     * @param heap the child's {@code -Xmx} value; the bench passes its own JVM's, so Spark gets the
     *     memory Lakestream has
     */
    SparkPeer(Path project, String heap) {
        this.project = project.toAbsolutePath().normalize();
        this.heap = heap;
    }

    /**
     * The peer of the Lakestream checkout this bench runs from, with the bench JVM's heap: Spark
     * gets the memory Lakestream has.
     */
    static SparkPeer ofBench() {
        return new SparkPeer(projectDir(), Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
    }

    /** {@code bench/spark-peer} of the Lakestream checkout this bench runs from. */
    static Path projectDir() {
        return Path.of(System.getProperty("lakestream.home", ".")).resolve("bench/spark-peer");
    }

    /** The JVM flags of a run, for the report. */
    List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        flags.add("-Xmx" + heap);
        flags.addAll(JVM_FLAGS);
        return flags;
    }

    /**
     * Runs Spark over {@code events} into {@code out} (its tables {@code user_daily} and {@code
     * dau}); the child's output goes to {@code out}'s sibling {@code .log} file. Returns the rows
     * per table the child printed.
     */
    Map<String, Long> run(Path events, Path out, LocalDate from, LocalDate to)
            throws IOException, InterruptedException {
        return runMain(
                BACKFILL_MAIN,
                "backfill",
                out,
                events.toAbsolutePath().toString(),
                out.toAbsolutePath().toString(),
                from.toString(),
                to.toString());
    }

    /**
     * Replays {@code plan}'s offsets of its topic with Spark's Kafka source into {@code out} (its
     * tables {@code user_daily} and {@code dau} of the dates {@code [from, to]}); as {@link #run}
     * otherwise.
     */
    Map<String, Long> replay(
            String bootstrap, ReplayPlan plan, Path out, LocalDate from, LocalDate to)
            throws IOException, InterruptedException {
        return runMain(
                REPLAY_MAIN,
                "Kafka replay",
                out,
                bootstrap,
                plan.topic(),
                offsetsJson(plan.topic(), plan.startOffsets()),
                offsetsJson(plan.topic(), plan.endOffsets()),
                out.toAbsolutePath().toString(),
                from.toString(),
                to.toString());
    }

    /**
     * Offsets per partition as Spark's Kafka source takes them ({@code startingOffsets}, {@code
     * endingOffsets}), e.g. {@code {"events":{"0":120,"1":97}}}.
     */
    static String offsetsJson(String topic, Map<TopicPartition, Long> offsets) {
        StringJoiner json = new StringJoiner(",", "{\"" + topic + "\":{", "}}");
        offsets.forEach((p, offset) -> json.add("\"" + p.partition() + "\":" + offset));
        return json.toString();
    }

    /** Runs {@code main} with {@code args} in a child JVM; returns the rows it printed. */
    private Map<String, Long> runMain(String main, String what, Path out, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-cp");
        command.add(classpath());
        command.add(main);
        command.addAll(List.of(args));
        Path log = out.resolveSibling(out.getFileName() + ".log");
        Path stdout = out.resolveSibling(out.getFileName() + ".out");
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(log.toFile())
                        .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Spark's " + what + " failed; see " + log);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(stdout)) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("rows")) {
                rows.put(f[1], Long.parseLong(f[2]));
            }
        }
        return rows;
    }

    /**
     * The child's class path: the project's jar and its dependencies, building the project first
     * when its class-path file is missing or older than its sources.
     */
    String classpath() throws IOException, InterruptedException {
        Path target = project.resolve("target");
        Path cpFile = target.resolve("classpath.txt");
        Path jar = target.resolve("lakestream-bench-spark-peer-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(cpFile)
                || !Files.exists(jar)
                || newestSource().compareTo(Files.getLastModifiedTime(cpFile)) > 0) {
            build(target, cpFile);
        }
        return jar + ":" + Files.readString(cpFile).trim();
    }

    private FileTime newestSource() throws IOException {
        FileTime newest = Files.getLastModifiedTime(project.resolve("pom.xml"));
        try (Stream<Path> files = Files.walk(project.resolve("src"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                FileTime t = Files.getLastModifiedTime(f);
                newest = t.compareTo(newest) > 0 ? t : newest;
            }
        }
        return newest;
    }

    private void build(Path target, Path cpFile) throws IOException, InterruptedException {
        Files.createDirectories(target);
        Path log = target.resolve("build.log");
        System.out.println("building the Spark peer (" + project + "); log: " + log);
        Process p =
                new ProcessBuilder(
                                "mvn",
                                "-B",
                                "-q",
                                "-gs",
                                project.resolve("maven-settings.xml").toString(),
                                "-f",
                                project.resolve("pom.xml").toString(),
                                "package",
                                "dependency:build-classpath",
                                "-Dmdep.outputFile=target/classpath.txt")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("building the Spark peer failed; see " + log);
        }
        // the plugin leaves an unchanged class-path file untouched
        Files.setLastModifiedTime(cpFile, FileTime.fromMillis(System.currentTimeMillis()));
    }
}
