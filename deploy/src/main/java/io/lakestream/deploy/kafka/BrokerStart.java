package io.lakestream.deploy.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * The start sequence of {@link KafkaBroker.Builder#start}: reuse this data dir's running broker, or
 * check the ports, write the config, format the storage once, launch, and wait until it answers. A
 * launch that fails is cleaned up (process stopped, pid file removed).
 */
final class BrokerStart {

    private BrokerStart() {}

    static KafkaBroker start(
            BrokerFiles files, int port, int controllerPort, String maxHeap, Duration timeout) {
        return start(files, port, controllerPort, maxHeap, null, timeout);
    }

    /** As above; with {@code scram}, also a SCRAM listener and its user (see {@link Scram}). */
    static KafkaBroker start(
            BrokerFiles files,
            int port,
            int controllerPort,
            String maxHeap,
            Scram scram,
            Duration timeout) {
        Optional<ProcessHandle> existing = files.runningProcess();
        if (existing.isPresent()) {
            int running = files.recordedPort().orElse(0);
            if (port != 0 && port != running) {
                throw new KafkaBrokerException(
                        "a Kafka broker for "
                                + files.dataDir()
                                + " is already running on port "
                                + running
                                + " (pid "
                                + existing.get().pid()
                                + "); stop it first, or use port "
                                + running);
            }
            BrokerProcess.awaitReady(
                    existing.get(), host(running), files, new long[] {0, 0}, timeout);
            return new KafkaBroker(files, existing.get(), running, true);
        }
        files.clearRunning();
        int p = port == 0 ? Ports.free() : Ports.requireFree(port);
        int c = controllerPort != 0 ? Ports.requireFree(controllerPort) : controllerPort(files, p);
        int s = 0;
        int t = 0;
        BrokerTls tls = null;
        if (scram != null) {
            s = scram.port() != 0 ? Ports.requireFree(scram.port()) : Ports.free();
            while (s == p || s == c) {
                s = Ports.free();
            }
            if (scram.tls()) {
                t = Ports.free();
                while (t == p || t == c || t == s) {
                    t = Ports.free();
                }
                tls = BrokerTls.ensure(files, timeout);
            }
        }
        writeConfig(files, p, c, s, t, tls);
        BrokerProcess.formatIfNeeded(files, timeout);
        long[] logSizes = files.logSizes();
        Process process = BrokerProcess.launch(files, maxHeap);
        files.writeRunning(process.pid(), p);
        KafkaBroker broker =
                new KafkaBroker(
                        files,
                        process.toHandle(),
                        p,
                        new KafkaBroker.Listeners(s, t, tls == null ? null : tls.certificate()),
                        false);
        try {
            BrokerProcess.awaitReady(process.toHandle(), host(p), files, logSizes, timeout);
            if (scram != null) {
                BrokerProcess.createScramUser(host(p), scram.user(), scram.password(), timeout);
            }
        } catch (RuntimeException e) {
            broker.stop(Duration.ofSeconds(5));
            throw e;
        }
        return broker;
    }

    /** The previous controller port if still free, else port + 1 if free, else any free port. */
    private static int controllerPort(BrokerFiles files, int clientPort) {
        int previous = files.recordedControllerPort().orElse(0);
        if (previous != 0 && previous != clientPort && Ports.isFree(previous)) {
            return previous;
        }
        if (clientPort < 65535 && Ports.isFree(clientPort + 1)) {
            return clientPort + 1;
        }
        int any = Ports.free();
        return any != clientPort ? any : Ports.free();
    }

    /**
     * A SASL_PLAINTEXT listener with SCRAM-SHA-256 on {@code port} (0: any free one), and the user
     * to create. The password goes to the broker through the admin API (stored salted and hashed),
     * never into a file or a command line. With {@code tls}, also a SASL_SSL listener (SCRAM over
     * TLS) on a free port, with the certificate of {@link BrokerTls}.
     */
    record Scram(int port, String user, String password, boolean tls) {
        @Override
        public String toString() {
            return "Scram[port " + port + ", user '" + user + "'" + (tls ? ", tls" : "") + "]";
        }
    }

    private static String host(int port) {
        return BrokerConfig.HOST + ":" + port;
    }

    private static void writeConfig(
            BrokerFiles files,
            int port,
            int controllerPort,
            int saslPort,
            int tlsPort,
            BrokerTls tls) {
        try {
            Files.createDirectories(files.logDirs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrokerFiles.write(
                files.serverProperties(),
                BrokerConfig.render(
                        BrokerConfig.serverProperties(
                                port, controllerPort, saslPort, tlsPort, tls, files.logDirs())));
        BrokerFiles.write(files.log4jConfig(), BrokerConfig.log4jConfig(files.brokerLog()));
    }
}
