package io.lakestream.deploy.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS identity of the local broker's SASL_SSL listener: a self-signed certificate for {@code
 * 127.0.0.1} and {@code localhost}, made once per data directory with the JDK's own {@code keytool}
 * (Java has no public API to create a certificate, and every JDK and JRE ships keytool), and kept
 * across restarts so the clients' trust stores stay valid.
 *
 * <p>Files in {@code <data dir>/tls/}: {@code broker.p12} (the key pair, PKCS12, owner-only), its
 * password in {@code broker.password} (owner-only), and {@code ca.pem}, the certificate alone — the
 * public part clients trust ({@code --kafka-ssl-truststore <data dir>/tls/ca.pem}). For local
 * trials and tests; a production broker has certificates from the organisation's CA.
 */
record BrokerTls(Path keystore, String keystorePassword, Path certificate) {

    private static final String ALIAS = "lakestream-broker";

    @Override
    public String toString() {
        return "BrokerTls[" + keystore + ", " + certificate + "]";
    }

    /** The TLS files of {@code files}' data dir, created with keytool if missing. */
    static BrokerTls ensure(BrokerFiles files, Duration timeout) {
        Path dir = files.dataDir().resolve("tls");
        Path keystore = dir.resolve("broker.p12");
        Path passwordFile = dir.resolve("broker.password");
        Path certificate = dir.resolve("ca.pem");
        try {
            if (!(Files.exists(keystore)
                    && Files.exists(passwordFile)
                    && Files.exists(certificate))) {
                Files.createDirectories(dir);
                ownerOnly(dir, "rwx------");
                for (Path p : List.of(keystore, passwordFile, certificate)) {
                    Files.deleteIfExists(p);
                }
                String password = randomPassword();
                BrokerFiles.write(passwordFile, password);
                ownerOnly(passwordFile, "rw-------");
                keytool(
                        timeout,
                        password,
                        dir,
                        "-genkeypair",
                        "-alias",
                        ALIAS,
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "3650",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString());
                ownerOnly(keystore, "rw-------");
                keytool(
                        timeout,
                        password,
                        dir,
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        ALIAS,
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-file",
                        certificate.toString());
            }
            return new BrokerTls(
                    keystore, Files.readString(passwordFile, StandardCharsets.UTF_8), certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs keytool with the store password in its environment ({@code -storepass:env}), never on
     * its command line where {@code ps} would show it.
     */
    private static void keytool(Duration timeout, String password, Path dir, String... args)
            throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>(List.of(keytool.toString(), "-noprompt"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass:env", "LAKESTREAM_KEYSTORE_PASSWORD"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LAKESTREAM_KEYSTORE_PASSWORD", password);
        Path out = dir.resolve("keytool.out");
        pb.redirectOutput(out.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new KafkaBrokerException(
                    "cannot run " + keytool + " to make the broker's TLS certificate: " + e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new KafkaBrokerException("keytool timed out; see " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new KafkaBrokerException("interrupted while making the broker's certificate", e);
        }
        if (p.exitValue() != 0) {
            throw new KafkaBrokerException(
                    "keytool could not make the broker's TLS certificate (exit "
                            + p.exitValue()
                            + "): "
                            + Files.readString(out, StandardCharsets.UTF_8).strip());
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void ownerOnly(Path file, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data dir's own permissions apply
        }
    }
}
