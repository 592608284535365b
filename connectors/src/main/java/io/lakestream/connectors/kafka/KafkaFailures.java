package io.lakestream.connectors.kafka;

import java.time.Duration;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * One line for a Kafka client that cannot get through: refused credentials, a failed TLS handshake,
 * a mechanism the broker does not take, or no answer (which is also what a client of the wrong
 * security protocol sees).
 */
public final class KafkaFailures {

    private KafkaFailures() {}

    /** What went wrong talking to {@code bootstrap} with {@code security}, as one line. */
    public static KafkaUnavailableException explain(
            String bootstrap, KafkaClientSecurity security, Duration timeout, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SaslAuthenticationException) {
                return new KafkaUnavailableException(
                        "Kafka at "
                                + bootstrap
                                + " refused the credentials for user '"
                                + security.username()
                                + "' ("
                                + (security.mechanism() == null
                                        ? "SASL"
                                        : security.mechanism().kafkaName())
                                + ")",
                        cause);
            }
            if (t instanceof UnsupportedSaslMechanismException) {
                return new KafkaUnavailableException(
                        "Kafka at "
                                + bootstrap
                                + " does not accept the SASL mechanism "
                                + security.mechanism().kafkaName()
                                + " (check kafka.sasl-mechanism)",
                        cause);
            }
            if (t instanceof SslAuthenticationException) {
                return new KafkaUnavailableException(
                        "the TLS handshake with Kafka at "
                                + bootstrap
                                + " failed (check kafka.ssl-truststore, and that the listener"
                                + " uses TLS: kafka.security-protocol is "
                                + security.protocol()
                                + ")",
                        cause);
            }
        }
        return new KafkaUnavailableException(
                "Kafka at "
                        + bootstrap
                        + " did not answer within "
                        + timeout.toSeconds()
                        + " s (is it running? 'bin/lakestream kafka start' starts a local broker;"
                        + " is the listener SASL/TLS? check kafka.security-protocol, now "
                        + security.protocol()
                        + ")",
                cause);
    }
}
