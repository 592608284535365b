package io.lakestream.pipelines.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What differs between the databases a {@link JdbcKeyStore} runs on: how to connect and the table's
 * column types. The statements themselves ({@code INSERT ... ON CONFLICT}) are the same on both.
 */
enum KeyStoreDialect {
    /** An embedded SQLite file: the default, for one machine. */
    SQLITE("BLOB", "INTEGER") {
        @Override
        Connection connect(String url) throws SQLException {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            Path parent = file.toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create the folder " + parent + ": " + e, e);
            }
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            // tasks and forget-user write the same file from several processes
            config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
            config.setBusyTimeout(30_000);
            // a deleted key's bytes are overwritten in the file, not left in a free page
            config.setPragma(org.sqlite.SQLiteConfig.Pragma.SECURE_DELETE, "true");
            config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
            return new org.sqlite.JDBC().connect(url, config.toProperties());
        }

        @Override
        String afterForget() {
            // the WAL still holds the page with the key until it is checkpointed
            return "PRAGMA wal_checkpoint(TRUNCATE)";
        }
    },

    /** A PostgreSQL database, for keys shared by the machines of a cluster. */
    POSTGRESQL("BYTEA", "BIGINT") {
        @Override
        Connection connect(String url) throws SQLException {
            Connection c = new org.postgresql.Driver().connect(url, new Properties());
            if (c == null) {
                throw new SQLException("not a PostgreSQL JDBC URL");
            }
            return c;
        }

        @Override
        String afterForget() {
            // removes the dead row versions that still hold deleted keys (see the README's
            // residual risks: the WAL and backups keep them until they expire)
            return "VACUUM " + JdbcKeyStore.TABLE;
        }
    };

    private final String bytesType;
    private final String longType;

    KeyStoreDialect(String bytesType, String longType) {
        this.bytesType = bytesType;
        this.longType = longType;
    }

    abstract Connection connect(String url) throws SQLException;

    /** A statement run (outside a transaction) after a key was deleted; its failure is logged. */
    abstract String afterForget();

    String createTable() {
        return "CREATE TABLE IF NOT EXISTS "
                + JdbcKeyStore.TABLE
                + " (user_id TEXT NOT NULL PRIMARY KEY, user_key "
                + bytesType
                + ", created_at "
                + longType
                + " NOT NULL, forgotten_at "
                + longType
                + ")";
    }
}
