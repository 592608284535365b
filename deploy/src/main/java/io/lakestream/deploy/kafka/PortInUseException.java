package io.lakestream.deploy.kafka;

/**
 * A port the broker should listen on is taken by another process. A separate type so that callers
 * (the demo, tests) can react by choosing another port instead of failing.
 */
public final class PortInUseException extends KafkaBrokerException {

    private final int port;

    public PortInUseException(int port) {
        super(
                BrokerConfig.HOST
                        + ":"
                        + port
                        + " is already in use by another process; stop that process or choose"
                        + " another port");
        this.port = port;
    }

    /** The port that is taken. */
    public int port() {
        return port;
    }
}
