package io.lakestream.deploy.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The files a local broker keeps in its data directory. The pid and port files let a later {@code
 * lakestream kafka stop|status} (another JVM) find a broker started in the background.
 */
final class BrokerFiles {

    private final Path dataDir;

    BrokerFiles(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path dataDir() {
        return dataDir;
    }

    Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    Path log4jConfig() {
        return dataDir.resolve("log4j2.properties");
    }

    /** Kafka's {@code log.dirs}: the topic data and the KRaft metadata log. */
    Path logDirs() {
        return dataDir.resolve("data");
    }

    boolean isFormatted() {
        return Files.exists(logDirs().resolve("meta.properties"));
    }

    Path brokerLog() {
        return dataDir.resolve("broker.log");
    }

    /** The broker's stdout and stderr (JVM errors that happen before logging starts). */
    Path consoleLog() {
        return dataDir.resolve("broker.out");
    }

    Path pidFile() {
        return dataDir.resolve("broker.pid");
    }

    Path portFile() {
        return dataDir.resolve("broker.port");
    }

    void writeRunning(long pid, int port) {
        write(portFile(), Integer.toString(port));
        write(pidFile(), Long.toString(pid));
    }

    void clearRunning() {
        try {
            Files.deleteIfExists(pidFile());
            Files.deleteIfExists(portFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OptionalLong recordedPid() {
        return read(pidFile())
                .map(s -> OptionalLong.of(Long.parseLong(s)))
                .orElse(OptionalLong.empty());
    }

    OptionalInt recordedPort() {
        return read(portFile())
                .map(s -> OptionalInt.of(Integer.parseInt(s)))
                .orElse(OptionalInt.empty());
    }

    /**
     * The controller port of the previous start, reused so the metadata quorum keeps its address.
     */
    OptionalInt recordedControllerPort() {
        if (!Files.exists(serverProperties())) {
            return OptionalInt.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(serverProperties(), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        String voters = p.getProperty("controller.quorum.voters", "");
        try {
            return OptionalInt.of(Integer.parseInt(voters.substring(voters.lastIndexOf(':') + 1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The live broker process recorded in the pid file, if it is still this data dir's broker. */
    Optional<ProcessHandle> runningProcess() {
        OptionalLong pid = recordedPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        String props = serverProperties().toString();
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(
                        h ->
                                h.info()
                                        .commandLine()
                                        .map(c -> c.contains("kafka.Kafka") && c.contains(props))
                                        .orElse(true));
    }

    /** The current size of the broker log and console files, to read what a launch adds. */
    long[] logSizes() {
        return new long[] {size(brokerLog()), size(consoleLog())};
    }

    /**
     * The last lines the broker wrote since {@code sizes} (from {@link #logSizes()}): its console
     * output (JVM errors before logging starts) and its log.
     */
    String tail(int lines, long[] sizes) {
        String console = tail(consoleLog(), sizes[1], lines);
        String log = tail(brokerLog(), sizes[0], lines);
        return log.isBlank() ? console : console.isBlank() ? log : console + "\n" + log;
    }

    private static String tail(Path file, long from, int lines) {
        if (!Files.exists(file)) {
            return "";
        }
        Deque<String> last = new ArrayDeque<>();
        try (InputStream in = Files.newInputStream(file);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            in.skipNBytes(Math.min(from, Files.size(file)));
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                last.addLast(l);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<String> read(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.matches("\\d+") ? Optional.of(s) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
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
