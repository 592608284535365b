package io.lakestream.connectors.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tells whether a listener speaks TLS, to explain why a plaintext Kafka client got no answer: a TLS
 * listener drops a plaintext request without a word, so the client only sees disconnects until it
 * gives up. The probe opens one connection, runs a TLS handshake and closes it.
 *
 * <p>It accepts any certificate because it only asks "is this TLS?": it sends nothing but the
 * handshake, no credentials and no data, and trusts nothing it learns. It is used after a failure,
 * never on the path of a working client.
 */
final class TlsProbe {

    private TlsProbe() {}

    /** What listens at an address. */
    enum Listener {
        /** Nothing accepts connections (or the address is not {@code host:port}). */
        ABSENT,
        /** A server that answers a TLS handshake. */
        TLS,
        /** A server that accepts connections but not a TLS handshake. */
        PLAIN
    }

    /** What listens at the first server of {@code bootstrap} ({@code host:port,...}). */
    static Listener probe(String bootstrap, Duration timeout) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon <= 0) {
            return Listener.ABSENT;
        }
        String host = first.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(first.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Listener.ABSENT;
        }
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket plain = new Socket()) {
            try {
                plain.connect(new InetSocketAddress(host, port), millis);
            } catch (IOException e) {
                return Listener.ABSENT;
            }
            plain.setSoTimeout(millis);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            try (SSLSocket tls =
                    (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.startHandshake();
                return Listener.TLS;
            }
        } catch (SSLHandshakeException e) {
            // a TLS server that refused this client (e.g. it wants a client certificate) says so
            // with an alert; a plaintext server just closes the connection
            return e.getMessage() != null && e.getMessage().contains("Received fatal alert")
                    ? Listener.TLS
                    : Listener.PLAIN;
        } catch (IOException e) {
            return Listener.PLAIN;
        } catch (GeneralSecurityException e) {
            return Listener.ABSENT;
        }
    }

    /** Accepts every certificate: the probe trusts nothing and sends nothing (see above). */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
