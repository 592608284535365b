package io.lakestream.deploy.cli;

import io.lakestream.deploy.kafka.KafkaBroker;
import io.lakestream.deploy.kafka.KafkaBrokerException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakestream kafka start|stop|status}: a local Apache Kafka broker in the background, so
 * that the generator, stream jobs and replays have a real broker without installing Kafka. The data
 * dir identifies the broker: {@code stop} and {@code status} find it through the pid and port files
 * that {@code start} leaves there.
 */
@Command(
        name = "kafka",
        description = "Start, stop or check a local Apache Kafka broker (KRaft, single node).",
        subcommands = {
            KafkaCommand.Start.class,
            KafkaCommand.Stop.class,
            KafkaCommand.Status.class
        })
final class KafkaCommand implements Runnable {

    /** Exit code of {@code status} when no broker answers. */
    static final int NOT_RUNNING = 3;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a sub-command is required (start, stop, status)");
    }

    /** The options every sub-command shares. */
    static final class BrokerOptions {
        @Option(
                names = "--port",
                paramLabel = "PORT",
                description = "Client port on 127.0.0.1 (default: 9092).")
        Integer port;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                defaultValue = ".lakestream/kafka",
                description = "Broker data, config, log and pid file (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        int portOrDefault() {
            int p = port == null ? KafkaBroker.DEFAULT_PORT : port;
            if (p < 1 || p > 65535) {
                throw new UserError("--port must be between 1 and 65535, not " + p);
            }
            return p;
        }

        /** The running broker of the data dir, checked against an explicit {@code --port}. */
        Optional<KafkaBroker> find() {
            Optional<KafkaBroker> broker = KafkaBroker.find(dataDir);
            if (broker.isPresent() && port != null && broker.get().port() != port) {
                throw new UserError(
                        "the Kafka broker of "
                                + dataDir
                                + " runs on port "
                                + broker.get().port()
                                + ", not "
                                + port
                                + "; use --port "
                                + broker.get().port()
                                + " or another --data-dir");
            }
            return broker;
        }

        String describe(KafkaBroker b) {
            return b.bootstrapServers()
                    + " (pid "
                    + b.pid()
                    + ", data "
                    + dataDir
                    + ", log "
                    + b.logFile()
                    + ")";
        }
    }

    @Command(
            name = "start",
            description = "Start the broker in the background; returns once it answers.")
    static final class Start implements Callable<Integer> {
        @Mixin BrokerOptions options;
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--scram-user",
                paramLabel = "USER",
                description =
                        "Also listen for SASL_PLAINTEXT with SCRAM-SHA-256 (on a free port) and"
                                + " create this user; goes with --scram-password-file.")
        String scramUser;

        @Option(
                names = "--scram-password-file",
                paramLabel = "FILE",
                description = "A file whose first line is the --scram-user's password.")
        java.nio.file.Path scramPasswordFile;

        @Option(
                names = "--tls",
                description =
                        "With --scram-user: also a SASL_SSL listener (SCRAM over TLS) with a"
                                + " self-signed certificate for 127.0.0.1, made once in the data"
                                + " dir; clients trust it with --kafka-ssl-truststore"
                                + " <data dir>/tls/ca.pem.")
        boolean tls;

        @Override
        public Integer call() {
            if ((scramUser == null) != (scramPasswordFile == null)) {
                throw new UserError("--scram-user and --scram-password-file go together");
            }
            if (tls && scramUser == null) {
                throw new UserError("--tls goes with --scram-user and --scram-password-file");
            }
            String scramPassword = null;
            if (scramPasswordFile != null) {
                try {
                    scramPassword =
                            java.nio.file.Files.readString(scramPasswordFile)
                                    .lines()
                                    .findFirst()
                                    .orElse("");
                } catch (java.io.IOException e) {
                    throw new UserError("cannot read --scram-password-file " + scramPasswordFile);
                }
                if (scramPassword.isEmpty()) {
                    throw new UserError("--scram-password-file " + scramPasswordFile + " is empty");
                }
            }
            KafkaBroker broker;
            try {
                // without --port, a broker already running for the data dir is fine on any port
                int port =
                        options.port == null && KafkaBroker.find(options.dataDir).isPresent()
                                ? 0
                                : options.portOrDefault();
                KafkaBroker.Builder b = KafkaBroker.at(options.dataDir).port(port);
                if (scramUser != null) {
                    if (KafkaBroker.find(options.dataDir).isPresent()) {
                        throw new UserError(
                                "a broker already runs for "
                                        + options.dataDir
                                        + ": stop it first to start it with --scram-user");
                    }
                    b.scramUser(scramUser, scramPassword);
                    if (tls) {
                        b.tls();
                    }
                }
                broker = b.start();
            } catch (KafkaBrokerException e) {
                throw new UserError(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                    (broker.wasAlreadyRunning()
                                    ? "Kafka broker already running on "
                                    : "Kafka broker running on ")
                            + options.describe(broker));
            if (scramUser != null) {
                out.println(
                        "SCRAM-SHA-256 listener (SASL_PLAINTEXT) on "
                                + broker.saslBootstrapServers()
                                + " for user '"
                                + scramUser
                                + "'");
            }
            if (tls) {
                out.println(
                        "SCRAM-SHA-256 listener over TLS (SASL_SSL) on "
                                + broker.tlsBootstrapServers()
                                + "; its certificate, for --kafka-ssl-truststore: "
                                + broker.tlsCertificate());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the broker of the data dir, if it runs.")
    static final class Stop implements Callable<Integer> {
        @Mixin BrokerOptions options;
        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<KafkaBroker> broker = options.find();
            if (broker.isEmpty()) {
                out.println("No Kafka broker running for data dir " + options.dataDir);
            } else {
                try {
                    broker.get().stop();
                } catch (KafkaBrokerException e) {
                    throw new UserError(e.getMessage(), e);
                }
                out.println("Kafka broker stopped (pid " + broker.get().pid() + ")");
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "status",
            description = "Say whether the broker runs; exit code 0 if it answers, 3 if not.")
    static final class Status implements Callable<Integer> {
        @Mixin BrokerOptions options;
        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<KafkaBroker> broker = options.find();
            KafkaBroker.Status status = KafkaBroker.status(options.dataDir);
            int code = 0;
            if (broker.isEmpty() || !status.running()) {
                out.println("Kafka broker not running (data dir " + options.dataDir + ")");
                code = NOT_RUNNING;
            } else if (!status.answering()) {
                out.println(
                        "Kafka broker process is up but does not answer on "
                                + options.describe(broker.get()));
                code = NOT_RUNNING;
            } else {
                out.println("Kafka broker running on " + options.describe(broker.get()));
            }
            out.flush();
            return code;
        }
    }
}
