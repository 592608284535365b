package io.lakestream.deploy.kafka;

/**
 * The local Kafka broker could not be started, stopped or used. The message says what went wrong
 * and what to do about it (it may end with the last lines of the broker's log), so the command line
 * reports it as a user-facing error rather than a stack trace.
 */
public class KafkaBrokerException extends RuntimeException {

    public KafkaBrokerException(String message) {
        super(message);
    }

    public KafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
