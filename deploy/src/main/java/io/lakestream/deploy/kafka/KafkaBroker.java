package io.lakestream.deploy.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) running as a child JVM from
 * the Kafka jars on this JVM's classpath: the local runtime of {@code lakestream kafka} and {@code
 * demo}, and the broker of the integration tests. No install, no Docker.
 *
 * <p>Everything lives in one data directory: config, topic data, {@code broker.log}, and the pid
 * and port files through which another process ({@code lakestream kafka stop|status}) finds a
 * broker started in the background. The broker outlives the JVM that started it until {@link
 * #stop()} is called.
 *
 * <pre>{@code
 * KafkaBroker broker = KafkaBroker.at(dir).port(0).start();   // 0 = any free port
 * KafkaTopics.ensure(broker.bootstrapServers(), "events", 4);
 * broker.stop();
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    public static final int DEFAULT_PORT = 9092;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerFiles files;
    private final ProcessHandle process;
    private final int port;
    private final Listeners listeners;
    private final boolean alreadyRunning;

    KafkaBroker(BrokerFiles files, ProcessHandle process, int port, boolean alreadyRunning) {
        this(files, process, port, Listeners.NONE, alreadyRunning);
    }

    KafkaBroker(
            BrokerFiles files,
            ProcessHandle process,
            int port,
            Listeners listeners,
            boolean alreadyRunning) {
        this.files = files;
        this.process = process;
        this.port = port;
        this.listeners = listeners;
        this.alreadyRunning = alreadyRunning;
    }

    /**
     * The optional SCRAM listeners: SASL_PLAINTEXT on {@code saslPort}, SASL_SSL on {@code tlsPort}
     * with the certificate {@code certificate} (0 and null when absent).
     */
    record Listeners(int saslPort, int tlsPort, Path certificate) {
        static final Listeners NONE = new Listeners(0, 0, null);
    }

    /** Configures a broker whose files live in {@code dataDir} (created if missing). */
    public static Builder at(Path dataDir) {
        return new Builder(new BrokerFiles(dataDir));
    }

    /** The broker recorded in {@code dataDir}, if its process is alive (answering or not). */
    public static Optional<KafkaBroker> find(Path dataDir) {
        BrokerFiles files = new BrokerFiles(dataDir);
        return files.runningProcess()
                .map(p -> new KafkaBroker(files, p, files.recordedPort().orElse(0), true));
    }

    /** Whether a broker of {@code dataDir} is running, and whether it answers requests. */
    public static Status status(Path dataDir) {
        BrokerFiles files = new BrokerFiles(dataDir);
        return find(dataDir)
                .map(
                        b ->
                                new Status(
                                        true,
                                        BrokerProcess.answers(
                                                b.bootstrapServers(), Duration.ofSeconds(5)),
                                        b.pid(),
                                        b.port(),
                                        files.dataDir(),
                                        files.brokerLog()))
                .orElseGet(
                        () -> new Status(false, false, 0, 0, files.dataDir(), files.brokerLog()));
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return BrokerConfig.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /**
     * {@code 127.0.0.1:<port>} of the SCRAM-SHA-256 listener (SASL_PLAINTEXT) started with {@link
     * Builder#scramUser}.
     *
     * @throws IllegalStateException if this broker was started without one
     */
    public String saslBootstrapServers() {
        if (listeners.saslPort() == 0) {
            throw new IllegalStateException("this broker has no SCRAM listener");
        }
        return BrokerConfig.HOST + ":" + listeners.saslPort();
    }

    /**
     * {@code 127.0.0.1:<port>} of the SCRAM-SHA-256 listener over TLS (SASL_SSL) started with
     * {@link Builder#tls}.
     *
     * @throws IllegalStateException if this broker was started without one
     */
    public String tlsBootstrapServers() {
        if (listeners.tlsPort() == 0) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return BrokerConfig.HOST + ":" + listeners.tlsPort();
    }

    /**
     * The TLS listener's certificate (PEM), for the clients' trust store ({@code
     * --kafka-ssl-truststore}).
     *
     * @throws IllegalStateException if this broker was started without a TLS listener
     */
    public Path tlsCertificate() {
        if (listeners.certificate() == null) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return listeners.certificate();
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return files.dataDir();
    }

    public Path logFile() {
        return files.brokerLog();
    }

    /** True if {@code start} found this broker already running instead of launching it. */
    public boolean wasAlreadyRunning() {
        return alreadyRunning;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker: SIGTERM, up to {@link #DEFAULT_STOP_TIMEOUT}, then a forced kill. */
    public void stop() {
        stop(DEFAULT_STOP_TIMEOUT);
    }

    /** Stops the broker gracefully, killing it if it has not exited after {@code timeout}. */
    public void stop(Duration timeout) {
        try {
            if (process.isAlive()) {
                process.destroy();
                try {
                    process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    process.destroyForcibly();
                    process.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while stopping the Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaBrokerException(
                    "the Kafka broker (pid " + process.pid() + ") did not exit when killed", e);
        }
        if (files.recordedPid().orElse(-1) == process.pid()) {
            files.clearRunning();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + pid() + ", " + dataDir() + "]";
    }

    /**
     * What {@link #status} found. {@code pid} and {@code port} are 0 when not running; {@code
     * answering} is false while the broker starts or if it hangs.
     */
    public record Status(
            boolean running, boolean answering, long pid, int port, Path dataDir, Path logFile) {}

    /** Settings for {@link KafkaBroker#start}. */
    public static final class Builder {
        private final BrokerFiles files;
        private int port = DEFAULT_PORT;
        private int controllerPort;
        private String maxHeap = "512m";
        private String scramUser;
        private String scramPassword;
        private boolean tls;

        private Builder(BrokerFiles files) {
            this.files = files;
        }

        /** The client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one. Default 9092. */
        public Builder port(int port) {
            this.port = Ports.check(port);
            return this;
        }

        /**
         * The KRaft controller port; default: the previous one, else port + 1 if free, else any.
         */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = Ports.check(controllerPort);
            return this;
        }

        /** The broker JVM's {@code -Xmx}, e.g. {@code 512m} (the default). */
        public Builder maxHeap(String maxHeap) {
            if (!maxHeap.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("not a heap size: " + maxHeap);
            }
            this.maxHeap = maxHeap;
            return this;
        }

        /**
         * Adds a SASL_PLAINTEXT listener taking SCRAM-SHA-256 on a free port, and creates {@code
         * user} with {@code password} once the broker runs; the plaintext listener stays (topics
         * and test data can still go through it). For tests and local trials of Kafka security.
         */
        public Builder scramUser(String user, String password) {
            this.scramUser = user;
            this.scramPassword = password;
            return this;
        }

        /**
         * With {@link #scramUser}: also a SASL_SSL listener (SCRAM-SHA-256 over TLS) on a free
         * port, with a self-signed certificate for 127.0.0.1 made once in the data dir ({@link
         * KafkaBroker#tlsCertificate()}).
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        public KafkaBroker start() {
            return start(DEFAULT_START_TIMEOUT);
        }

        /**
         * Starts the broker and returns once it answers. If this data dir's broker is already
         * running on the requested port, returns it instead ({@link #wasAlreadyRunning()}).
         *
         * @throws PortInUseException if another process holds the port
         * @throws KafkaBrokerException if the broker does not come up within {@code timeout}
         */
        public KafkaBroker start(Duration timeout) {
            if (tls && scramUser == null) {
                throw new IllegalStateException("tls() goes with scramUser(user, password)");
            }
            BrokerStart.Scram scram =
                    scramUser == null
                            ? null
                            : new BrokerStart.Scram(0, scramUser, scramPassword, tls);
            return BrokerStart.start(files, port, controllerPort, maxHeap, scram, timeout);
        }
    }
}
