package io.lakestream.connectors.kafka;

/** The Kafka cluster or topic cannot be used; the message says which and what to do. */
public class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaUnavailableException(String message) {
        super(message);
    }
}
