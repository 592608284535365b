package io.lakestream.deploy.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker for tests: ONE broker per test JVM, started lazily on free ports in a
 * temporary directory by the first test class that needs it, shared by all the others, and stopped
 * (its directory deleted) when the test run ends — starting a broker takes seconds, so test classes
 * must not each start their own.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 * ... KAFKA.createTopic("events", 2); ... KAFKA.bootstrapServers() ...
 * }</pre>
 *
 * <p>The broker is kept in the root {@link ExtensionContext.Store} as an {@link AutoCloseable}
 * (JUnit closes those at the end of the run; {@code CloseableResource} is deprecated since JUnit
 * 5.13). A shutdown hook stops it too if the JVM exits early.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    private final String scramUser;
    private final String scramPassword;
    private volatile SharedBroker shared;

    /** The plaintext broker shared by the test run. */
    public KafkaBrokerExtension() {
        this(null, null);
    }

    private KafkaBrokerExtension(String scramUser, String scramPassword) {
        this.scramUser = scramUser;
        this.scramPassword = scramPassword;
    }

    /**
     * A broker that also has SCRAM-SHA-256 listeners for the user {@code user}: SASL_PLAINTEXT
     * ({@link #saslBootstrapServers()}) and SASL_SSL ({@link #tlsBootstrapServers()}, certificate
     * {@link #tlsCertificate()}); one per user name and test run, apart from the plaintext one.
     * Topics are created through the plaintext listener.
     */
    public static KafkaBrokerExtension withScramUser(String user, String password) {
        return new KafkaBrokerExtension(user, password);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        acquire(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        acquire(context);
    }

    private void acquire(ExtensionContext context) {
        if (shared == null) {
            shared =
                    context.getRoot()
                            .getStore(NAMESPACE)
                            .getOrComputeIfAbsent(
                                    scramUser == null
                                            ? SharedBroker.class
                                            : SharedBroker.class.getName() + ":scram:" + scramUser,
                                    k -> new SharedBroker(scramUser, scramPassword),
                                    SharedBroker.class);
        }
    }

    /** The running broker (shared: do not stop it). */
    public KafkaBroker broker() {
        if (shared == null) {
            throw new IllegalStateException(
                    "the Kafka broker is not started: register the extension with"
                            + " @RegisterExtension on a static field");
        }
        return shared.broker;
    }

    /** {@code 127.0.0.1:<port>} of the shared broker. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** {@code 127.0.0.1:<port>} of the SCRAM listener ({@link #withScramUser} only). */
    public String saslBootstrapServers() {
        return broker().saslBootstrapServers();
    }

    /** {@code 127.0.0.1:<port>} of the SCRAM listener over TLS ({@link #withScramUser} only). */
    public String tlsBootstrapServers() {
        return broker().tlsBootstrapServers();
    }

    /** The TLS listener's self-signed certificate, PEM ({@link #withScramUser} only). */
    public Path tlsCertificate() {
        return broker().tlsCertificate();
    }

    /**
     * Creates a topic (or reuses it) with {@code retention.ms=-1}, so records with old timestamps
     * are kept. Use a topic name per test: the broker is shared by every test in the JVM.
     */
    public void createTopic(String name, int partitions) {
        KafkaTopics.ensure(bootstrapServers(), name, partitions);
    }

    /** The broker of this JVM's test run and its directory, stopped and deleted on close. */
    static final class SharedBroker implements AutoCloseable {
        private final Path dir;
        private final KafkaBroker broker;
        private final Thread shutdownHook;

        SharedBroker(String scramUser, String scramPassword) {
            try {
                dir = Files.createTempDirectory("lakestream-kafka-test-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a temp dir for Kafka", e);
            }
            KafkaBroker.Builder b = KafkaBroker.at(dir).port(0);
            if (scramUser != null) {
                b.scramUser(scramUser, scramPassword).tls();
            }
            broker = b.start();
            shutdownHook = new Thread(broker::stop, "stop-test-kafka-broker");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook stops the broker
            }
            broker.stop();
            deleteRecursively(dir);
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp dir is harmless
            }
        }
    }
}
