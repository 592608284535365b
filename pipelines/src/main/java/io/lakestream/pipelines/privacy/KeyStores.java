package io.lakestream.pipelines.privacy;

import java.nio.file.Path;

/**
 * Opens the {@link KeyStore} a location names: a file path or {@code jdbc:sqlite:FILE} for the
 * embedded SQLite store (the default, {@value #DEFAULT_FILE}), or {@code
 * jdbc:postgresql://HOST:PORT/DB?user=U} for PostgreSQL, which the machines of a cluster can share
 * (a SQLite file serves one machine only).
 */
public final class KeyStores {

    /** The default key store: a file under Lakestream's state folder, never inside the lake. */
    public static final String DEFAULT_FILE = ".lakestream/keys.db";

    private KeyStores() {}

    /**
     * @throws KeyStoreException when the location is not one of the forms above, or the store
     *     cannot be opened (with the location and the reason)
     */
    public static KeyStore open(String location) {
        String l = normalize(location);
        if (l.startsWith("jdbc:postgresql:")) {
            return new JdbcKeyStore(
                    KeyStoreDialect.POSTGRESQL, l, withoutQuery(l), System::currentTimeMillis);
        }
        return new JdbcKeyStore(KeyStoreDialect.SQLITE, l, l, System::currentTimeMillis);
    }

    /**
     * The location as the tasks of a job open it: a SQLite file as an absolute {@code jdbc:sqlite:}
     * URL (a task's working folder is not the planner's), a PostgreSQL URL as it is.
     *
     * @throws KeyStoreException for a location that is none of the supported forms
     */
    public static String normalize(String location) {
        if (location == null || location.isBlank()) {
            throw new KeyStoreException(
                    "no key store given: use a file (e.g. "
                            + DEFAULT_FILE
                            + "), jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB");
        }
        String l = location.trim();
        if (l.startsWith("jdbc:postgresql:")) {
            return l;
        }
        if (l.startsWith("jdbc:sqlite:")) {
            l = l.substring("jdbc:sqlite:".length());
        } else if (l.startsWith("jdbc:")) {
            throw new KeyStoreException(
                    "unsupported key store '"
                            + withoutQuery(l)
                            + "': use a file, jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB");
        }
        if (l.isEmpty() || l.startsWith(":memory:") || l.contains("?")) {
            throw new KeyStoreException(
                    "the key store 'jdbc:sqlite:"
                            + l
                            + "' must be a plain file path (keys must outlive the run)");
        }
        return "jdbc:sqlite:" + Path.of(l).toAbsolutePath().normalize();
    }

    /** The SQLite file of a normalized location, or null for a server. */
    public static Path fileOf(String normalized) {
        return normalized.startsWith("jdbc:sqlite:")
                ? Path.of(normalized.substring("jdbc:sqlite:".length()))
                : null;
    }

    /** A URL without its query, where PostgreSQL URLs may carry a password. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
