package io.lakestream.pipelines.privacy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for a test: {@code initdb} into a temporary folder, {@code pg_ctl
 * start} on a free port of 127.0.0.1, trust authentication, gone after {@link #close()}. It uses
 * the binaries of Debian's {@code postgresql} package; PostgreSQL refuses to run as root, so as
 * root it runs them as the package's {@code postgres} user. {@link #unavailable()} says why it
 * cannot start here, for a JUnit assumption.
 */
final class ThrowawayPostgres implements AutoCloseable {

    private static final String USER = "lakestream";

    private final Path dir;
    private final Path data;
    private final int port;
    private final List<String> runAs;

    private ThrowawayPostgres(Path bin, List<String> runAs) throws IOException {
        this.runAs = runAs;
        this.dir = Files.createTempDirectory("lakestream-pg");
        this.data = dir.resolve("data");
        this.port = freePort();
        if (!runAs.isEmpty()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal postgres = users.lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        run(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                USER,
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8");
        run(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-w",
                "-t",
                "60",
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start");
    }

    /** Why no server can be started here, or null if one can. */
    static String unavailable() {
        Path bin = binaries();
        if (bin == null) {
            return "PostgreSQL's binaries (initdb, pg_ctl) are not installed"
                    + " (Debian: apt-get install postgresql)";
        }
        if (isRoot() && !hasPostgresUser()) {
            return "running as root, and there is no 'postgres' user to run PostgreSQL as";
        }
        return null;
    }

    static ThrowawayPostgres start() throws IOException {
        List<String> runAs = isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of();
        return new ThrowawayPostgres(binaries(), runAs);
    }

    /** A JDBC URL of the server's {@code postgres} database. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    /** Creates a new, empty database and returns its JDBC URL. */
    String newDatabase(String name) throws IOException {
        run(
                binaries().resolve("psql").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                USER,
                "-d",
                "postgres",
                "-q",
                "-c",
                "CREATE DATABASE " + name);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    private static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/local/bin"));
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.reverseOrder())
                        .forEach(v -> candidates.add(v.resolve("bin")));
            } catch (IOException e) {
                // then only the other candidates
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c.resolve("initdb"))
                    && Files.isExecutable(c.resolve("pg_ctl"))
                    && Files.isExecutable(c.resolve("psql"))) {
                return c;
            }
        }
        return null;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean hasPostgresUser() {
        try {
            Path.of("/")
                    .getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            return Files.isExecutable(Path.of("/usr/sbin/runuser"))
                    || Files.isExecutable(Path.of("/sbin/runuser"));
        } catch (IOException e) {
            return false;
        }
    }

    private void run(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(runAs);
        cmd.addAll(List.of(command));
        Path log = Files.createTempFile("lakestream-pg-cmd", ".log");
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", cmd)
                                + " failed (exit "
                                + p.exitValue()
                                + "): "
                                + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run(
                    binaries().resolve("pg_ctl").toString(),
                    "-D",
                    data.toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
