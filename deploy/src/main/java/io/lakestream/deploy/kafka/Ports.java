package io.lakestream.deploy.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks and picks ports on the loopback interface the broker listens on. */
final class Ports {

    private Ports() {}

    static int check(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return port;
    }

    /** Returns {@code port}, or throws {@link PortInUseException} if another process holds it. */
    static int requireFree(int port) {
        if (!isFree(port)) {
            throw new PortInUseException(port);
        }
        return port;
    }

    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(BrokerConfig.HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago (the OS picks it). */
    static int free() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName(BrokerConfig.HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new KafkaBrokerException("could not find a free port: " + e.getMessage(), e);
        }
    }
}
