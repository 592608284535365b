package io.lakestream.deploy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a local cluster in its directory: {@code config.yaml} (the processes' {@code
 * --configDir}), the logging config, one pid file per process ({@code jobmanager.pid}, {@code
 * taskmanager-0.pid}, ...) through which a later {@code lakestream cluster stop|status} (another
 * JVM) finds the processes, and {@code log/<name>.log} and {@code log/<name>.out} (console).
 */
final class ClusterFiles {

    private static final Pattern TASK_MANAGER_PID = Pattern.compile("taskmanager-(\\d+)\\.pid");

    private final Path dir;

    ClusterFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path configFile() {
        return dir.resolve("config.yaml");
    }

    Path log4jConfig() {
        return dir.resolve("log4j2.properties");
    }

    Path logDir() {
        return dir.resolve("log");
    }

    /** Flink's scratch space ({@code io.tmp.dirs}, blobs, web uploads), kept out of /tmp. */
    Path tmpDir() {
        return dir.resolve("tmp");
    }

    /** Where Flink looks for plugins (e.g. a file system for s3://); none by default. */
    Path pluginsDir() {
        return dir.resolve("plugins");
    }

    Path log(String name) {
        return logDir().resolve(name + ".log");
    }

    Path consoleLog(String name) {
        return logDir().resolve(name + ".out");
    }

    private Path pidFile(String name) {
        return dir.resolve(name + ".pid");
    }

    void writePid(String name, long pid) {
        write(pidFile(name), Long.toString(pid));
    }

    void deletePid(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names with a pid file: the JobManager first, then the TaskManagers by number. */
    List<String> recordedNames() {
        List<String> names = new ArrayList<>();
        if (Files.exists(pidFile(ClusterProcess.JOB_MANAGER))) {
            names.add(ClusterProcess.JOB_MANAGER);
        }
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> TASK_MANAGER_PID.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted(Comparator.naturalOrder())
                    .forEach(i -> names.add(ClusterProcess.taskManagerName(i)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * The live process recorded for {@code name}, if it still is that process of this directory (a
     * pid can be reused once the process is gone).
     */
    Optional<ClusterProcess> running(String name) {
        OptionalLong pid = readPid(pidFile(name));
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        String mainClass = ClusterProcess.mainClassOf(name);
        String configDir = dir.toString();
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(
                        h ->
                                h.info()
                                        .commandLine()
                                        .map(c -> c.contains(mainClass) && c.contains(configDir))
                                        .orElse(true))
                .map(h -> new ClusterProcess(name, h, log(name)));
    }

    /** Every live recorded process, the JobManager first. */
    List<ClusterProcess> runningProcesses() {
        List<ClusterProcess> live = new ArrayList<>();
        for (String name : recordedNames()) {
            running(name).ifPresent(live::add);
        }
        return live;
    }

    private static OptionalLong readPid(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.matches("\\d+") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
