package io.lakestream.deploy.cluster;

/**
 * The local Flink cluster could not be started, stopped or asked about its state. The message is
 * one line that says what went wrong and where to look (a log file) or what to do, so the command
 * line reports it as a user-facing error rather than a stack trace.
 */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
