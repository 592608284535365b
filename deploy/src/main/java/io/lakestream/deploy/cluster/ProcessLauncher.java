package io.lakestream.deploy.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigConstants;

/**
 * Starts a JobManager or TaskManager JVM from the Flink jars of this JVM's classpath ({@link
 * FlinkClasspath}: flink-runtime, flink-clients and flink-runtime-web are dependencies of the CLI,
 * so no Flink distribution is needed), the way Flink's {@code flink-daemon.sh} does: memory flags,
 * {@code log.file} for the log and the web UI's log view, console output to {@code <name>.out},
 * then {@code --configDir <dir>} and the dynamic memory properties.
 */
final class ProcessLauncher {

    /**
     * The packages Flink reflects into on Java 17 (the same list as {@code bin/lakestream} passes
     * to the CLI).
     */
    static final List<String> OPENS =
            List.of(
                    "java.base/java.lang",
                    "java.base/java.lang.reflect",
                    "java.base/java.util",
                    "java.base/java.util.concurrent",
                    "java.base/java.io",
                    "java.base/java.nio",
                    "java.base/sun.nio.ch",
                    "java.base/java.net",
                    "java.base/java.time",
                    "java.base/java.text");

    private final ClusterFiles files;

    ProcessLauncher(ClusterFiles files) {
        this.files = files;
    }

    /** Starts {@code name} ({@code jobmanager} or {@code taskmanager-i}) in the background. */
    ClusterProcess launch(String name, ProcessMemory.Flags memory) {
        ProcessBuilder pb = new ProcessBuilder(command(name, memory)).redirectErrorStream(true);
        pb.redirectOutput(files.consoleLog(name).toFile());
        // The classpath goes through the environment: it is long, and it keeps the command line
        // (ps, /proc/<pid>/cmdline) short enough to identify the process by. Flink's jars only:
        // a job's classes come with its jar, as on any cluster.
        pb.environment().put("CLASSPATH", FlinkClasspath.ofThisJvm());
        // Flink looks for plugins in ./plugins unless told otherwise: not in the user's folder
        pb.environment().put(ConfigConstants.ENV_FLINK_PLUGINS_DIR, files.pluginsDir().toString());
        try {
            Files.createDirectories(files.logDir());
            Files.deleteIfExists(files.log(name)); // each start has its own log
            Process p = pb.start();
            p.getOutputStream().close();
            files.writePid(name, p.pid());
            return new ClusterProcess(name, p.toHandle(), files.log(name));
        } catch (IOException e) {
            throw new ClusterException("could not start the Flink " + name + " JVM: " + e, e);
        }
    }

    List<String> command(String name, ProcessMemory.Flags memory) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(memory.jvmOptions());
        for (String p : OPENS) {
            cmd.add("--add-opens=" + p + "=ALL-UNNAMED");
        }
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog.file=" + files.log(name));
        cmd.add("-Dlog4j.configurationFile=" + files.log4jConfig().toUri());
        cmd.add(ClusterProcess.mainClassOf(name));
        cmd.add("--configDir");
        cmd.add(files.dir().toString());
        cmd.addAll(memory.dynamicProperties());
        return cmd;
    }

    /** Writes the logging config the processes share (one log file each, via {@code log.file}). */
    void writeLog4jConfig() {
        try (InputStream in =
                ProcessLauncher.class.getResourceAsStream("log4j2-cluster.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "log4j2-cluster.properties is not on the classpath");
            }
            Files.createDirectories(files.dir());
            Files.write(files.log4jConfig(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
