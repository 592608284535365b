package io.lakestream.deploy.cluster;

/**
 * The local Flink cluster could not be started, stopped or asked about its state. The message is
 * one line that says what went wrong and where to look (a log file) or what to do, so the command
 * line reports it as a user-facing error rather than a stack trace.
 */
public class ClusterException extends RuntimeException {

    private final boolean portTaken;

    public ClusterException(String message) {
        this(message, false);
    }

    /**
     * @param portTaken whether the process failed because a port it was given was already taken
     */
    public ClusterException(String message, boolean portTaken) {
        super(message);
        this.portTaken = portTaken;
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
        this.portTaken = false;
    }

    /** Whether a process exited because a port it was given was taken meanwhile. */
    public boolean portTaken() {
        return portTaken;
    }
}
