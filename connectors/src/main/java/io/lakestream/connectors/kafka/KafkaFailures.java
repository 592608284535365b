package io.lakestream.connectors.kafka;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * One line for a Kafka client that cannot get through: refused credentials, a failed TLS handshake,
 * a mechanism the broker does not take, a plaintext client at a TLS listener (which drops it
 * without a word: {@link TlsProbe} finds out), or no answer.
 */
public final class KafkaFailures {

    /** How long the after-the-fact TLS check of a silent listener may take. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private KafkaFailures() {}

    /**
     * If the listener at {@code bootstrap} and {@code security} disagree about TLS, the one line
     * that says so: the explanation of a client that got no answer, since either side drops the
     * other's first bytes without a word.
     */
    public static Optional<KafkaUnavailableException> protocolMismatch(
            String bootstrap, KafkaClientSecurity security, Throwable cause) {
        TlsProbe.Listener listener = TlsProbe.probe(bootstrap, PROBE_TIMEOUT);
        KafkaClientSecurity.Protocol protocol = security.protocol();
        String use;
        if (listener == TlsProbe.Listener.TLS && !protocol.tls()) {
            use =
                    " speaks TLS, but kafka.security-protocol is "
                            + protocol
                            + ": use "
                            + (protocol.sasl() ? "SASL_SSL" : "SSL or SASL_SSL")
                            + " (with kafka.ssl-truststore if its CA is not a public one)";
        } else if (listener == TlsProbe.Listener.PLAIN && protocol.tls()) {
            use =
                    " does not speak TLS, but kafka.security-protocol is "
                            + protocol
                            + ": use "
                            + (protocol.sasl() ? "SASL_PLAINTEXT" : "PLAINTEXT or SASL_PLAINTEXT")
                            + ", or the address of the brokers' TLS listener";
        } else {
            return Optional.empty();
        }
        return Optional.of(new KafkaUnavailableException("Kafka at " + bootstrap + use, cause));
    }

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
        Optional<KafkaUnavailableException> mismatch = protocolMismatch(bootstrap, security, cause);
        if (mismatch.isPresent()) {
            return mismatch.get();
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
