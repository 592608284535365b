package io.lakestream.deploy.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks and picks the ports the cluster listens on. */
final class LocalPorts {

    private LocalPorts() {}

    /**
     * Returns {@code port}, or fails with one line if any process holds it (on any interface: the
     * cluster binds to localhost, which a wildcard listener would block too).
     */
    static int requireFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return port;
        } catch (IOException e) {
            throw new ClusterException(
                    "port "
                            + port
                            + " is already in use by another process (another Flink cluster or"
                            + " web UI?); stop that process or choose another port");
        }
    }

    /** A port that was free a moment ago (the OS picks it). */
    static int free() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ClusterException("could not find a free port: " + e.getMessage(), e);
        }
    }
}
