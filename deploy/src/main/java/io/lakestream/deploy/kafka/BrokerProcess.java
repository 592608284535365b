package io.lakestream.deploy.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

/**
 * Runs Kafka's own entry points ({@code kafka.tools.StorageTool}, {@code kafka.Kafka}) in child
 * JVMs built from this JVM's classpath, so a broker needs nothing installed beyond the JDK. A child
 * JVM (not an in-process server) can outlive the command that started it and keeps the broker's
 * threads, memory and logging apart from the Flink job's.
 */
final class BrokerProcess {

    private static final int LOG_TAIL_LINES = 20;

    private BrokerProcess() {}

    /** Formats the KRaft storage once, with a fresh cluster id; a no-op if already formatted. */
    static void formatIfNeeded(BrokerFiles files, Duration timeout) {
        if (files.isFormatted()) {
            return;
        }
        Path out = files.dataDir().resolve("format.out");
        List<String> cmd = javaCommand(files, "256m");
        cmd.addAll(
                List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "--cluster-id",
                        Uuid.randomUuid().toString(),
                        "--config",
                        files.serverProperties().toString()));
        ProcessBuilder pb = builder(cmd).redirectOutput(out.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new KafkaBrokerException("formatting Kafka storage timed out; see " + out);
            }
            if (p.exitValue() != 0) {
                throw new KafkaBrokerException(
                        "could not format Kafka storage in "
                                + files.logDirs()
                                + ":\n"
                                + Files.readString(out, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new KafkaBrokerException("could not run the Kafka storage tool: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while formatting Kafka storage", e);
        }
    }

    /** Starts {@code kafka.Kafka} in the background, its console output going to a file. */
    static Process launch(BrokerFiles files, String maxHeap) {
        List<String> cmd = javaCommand(files, maxHeap);
        cmd.add("kafka.Kafka");
        cmd.add(files.serverProperties().toString());
        ProcessBuilder pb =
                builder(cmd)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(files.consoleLog().toFile()));
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new KafkaBrokerException("could not start the Kafka broker JVM: " + e, e);
        }
    }

    /**
     * Returns once the broker answers a {@code describeCluster} request, or fails with the end of
     * its log if the process exits or does not answer within {@code timeout}.
     */
    static void awaitReady(
            ProcessHandle process,
            String bootstrap,
            BrokerFiles files,
            long[] logSizes,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new KafkaBrokerException(
                            "the Kafka broker (pid "
                                    + process.pid()
                                    + ") exited during start-up; last lines of its log ("
                                    + files.brokerLog()
                                    + "):\n"
                                    + files.tail(LOG_TAIL_LINES, logSizes));
                }
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new KafkaBrokerException(
                            "the Kafka broker (pid "
                                    + process.pid()
                                    + ") did not answer on "
                                    + bootstrap
                                    + " within "
                                    + timeout.toSeconds()
                                    + " s; last lines of its log ("
                                    + files.brokerLog()
                                    + "):\n"
                                    + files.tail(LOG_TAIL_LINES, logSizes));
                }
                if (answers(admin, (int) Math.min(2_000, remainingMs))) {
                    return;
                }
                // Pause briefly before the next attempt, waking at once if the process dies.
                try {
                    process.onExit().get(Math.min(200, remainingMs), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still alive: poll again
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** Whether a broker answers on {@code bootstrap} within about {@code timeout}. */
    static boolean answers(String bootstrap, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            return answers(admin, (int) timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean answers(Admin admin, int timeoutMs) throws InterruptedException {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .clusterId()
                    .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Creates (or updates) a SCRAM-SHA-256 user through the plaintext listener. */
    static void createScramUser(String bootstrap, String user, String password, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            admin.alterUserScramCredentials(
                            List.of(
                                    new UserScramCredentialUpsertion(
                                            user,
                                            new ScramCredentialInfo(
                                                    ScramMechanism.SCRAM_SHA_256, 8192),
                                            password)))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaBrokerException(
                    "could not create the SCRAM user '" + user + "' on " + bootstrap + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while creating a SCRAM user", e);
        }
    }

    static Properties adminProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        return p;
    }

    private static List<String> javaCommand(BrokerFiles files, String maxHeap) {
        if (BrokerProcess.class.getClassLoader().getResource("kafka/Kafka.class") == null) {
            throw new KafkaBrokerException(
                    "the Kafka broker classes (org.apache.kafka:kafka_2.13) are not on the classpath");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dkafka.logs.dir=" + files.dataDir());
        cmd.add("-Dlog4j2.configurationFile=" + files.log4jConfig());
        return cmd;
    }

    private static ProcessBuilder builder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The classpath goes through the environment: it can be long, and it keeps the command
        // line (ps, /proc/<pid>/cmdline) short enough to identify the broker by.
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        return pb;
    }
}
