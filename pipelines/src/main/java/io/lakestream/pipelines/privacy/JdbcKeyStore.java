package io.lakestream.pipelines.privacy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyStore} in one table of a SQL database, {@code lakestream_user_keys(user_id, user_key,
 * created_at, forgotten_at)}: a live user has a key and no {@code forgotten_at}; a forgotten user's
 * row is their tombstone, with the key set to {@code NULL}.
 *
 * <p>One row per user is what makes it safe under concurrency: a key is created with {@code INSERT
 * ... ON CONFLICT DO NOTHING} and then read back, so of two tasks creating the same user's key the
 * second reads the first one's; {@link #forget} turns the same row into a tombstone, so a creation
 * after it finds the tombstone and a creation before it is overwritten. One connection per
 * instance; its methods are synchronized (a task owns its own instance).
 */
final class JdbcKeyStore implements KeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcKeyStore.class);

    static final String TABLE = "lakestream_user_keys";

    private static final String SELECT =
            "SELECT user_key, forgotten_at FROM " + TABLE + " WHERE user_id = ?";
    private static final String INSERT_KEY =
            "INSERT INTO "
                    + TABLE
                    + " (user_id, user_key, created_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (user_id) DO NOTHING";
    private static final String TOMBSTONE =
            "INSERT INTO "
                    + TABLE
                    + " (user_id, user_key, created_at, forgotten_at) VALUES (?, NULL, ?, ?)"
                    + " ON CONFLICT (user_id) DO UPDATE SET user_key = NULL,"
                    + " forgotten_at = excluded.forgotten_at"
                    + " WHERE "
                    + TABLE
                    + ".forgotten_at IS NULL";

    private final KeyStoreDialect dialect;
    private final String description;
    private final Connection connection;
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock;

    /**
     * The {@code SELECT} of a user's row, prepared once: a task's cache misses are this query, and
     * preparing it again each time was about a third of a miss's time on SQLite.
     */
    private final PreparedStatement select;

    JdbcKeyStore(KeyStoreDialect dialect, String url, String description, LongSupplier clock) {
        this.dialect = dialect;
        this.description = description;
        this.clock = clock;
        try {
            this.connection = dialect.connect(url);
            createTable();
            this.select = connection.prepareStatement(SELECT);
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    private void createTable() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(dialect.createTable());
        } catch (SQLException e) {
            // PostgreSQL: two sessions creating the table at once, one of them loses the race on
            // the catalog; the table is there
            if (!tableExists()) {
                throw e;
            }
        }
    }

    private boolean tableExists() {
        try (Statement s = connection.createStatement()) {
            s.executeQuery("SELECT count(*) FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized Optional<byte[]> keyOf(String userId) {
        try {
            Row row = select(userId);
            if (row == null) {
                byte[] key = new byte[KEY_BYTES];
                random.nextBytes(key);
                try (PreparedStatement s = connection.prepareStatement(INSERT_KEY)) {
                    s.setString(1, userId);
                    s.setBytes(2, key);
                    s.setLong(3, clock.getAsLong());
                    s.executeUpdate();
                }
                // ours, or the one another task inserted first
                row = select(userId);
            }
            return row == null || row.forgotten ? Optional.empty() : Optional.of(row.key);
        } catch (SQLException e) {
            throw failure("get or create a key", e);
        }
    }

    /**
     * One transaction: a batch of {@code INSERT ... ON CONFLICT DO NOTHING} for every user, then a
     * {@code SELECT} of each, so the keys are durable when it returns (as {@link #keyOf}'s) for one
     * commit instead of one per user.
     */
    @Override
    public synchronized Map<String, Optional<byte[]>> keysOf(Collection<String> userIds) {
        Map<String, Optional<byte[]>> keys = new LinkedHashMap<>();
        try {
            connection.setAutoCommit(false);
            try {
                long now = clock.getAsLong();
                try (PreparedStatement s = connection.prepareStatement(INSERT_KEY)) {
                    for (String u : userIds) {
                        if (keys.put(u, Optional.empty()) == null) {
                            byte[] key = new byte[KEY_BYTES];
                            random.nextBytes(key);
                            s.setString(1, u);
                            s.setBytes(2, key);
                            s.setLong(3, now);
                            s.addBatch();
                        }
                    }
                    s.executeBatch();
                }
                for (Map.Entry<String, Optional<byte[]>> e : keys.entrySet()) {
                    Row row = select(e.getKey());
                    if (row != null && !row.forgotten) {
                        e.setValue(Optional.of(row.key));
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("get or create " + keys.size() + " keys", e);
        }
        return keys;
    }

    @Override
    public synchronized Optional<byte[]> existingKeyOf(String userId) {
        try {
            Row row = select(userId);
            return row == null || row.forgotten ? Optional.empty() : Optional.of(row.key);
        } catch (SQLException e) {
            throw failure("read a key", e);
        }
    }

    @Override
    public synchronized Forgetting forget(String userId) {
        Forgetting outcome;
        try {
            connection.setAutoCommit(false);
            try {
                Row before = selectForUpdate(userId);
                long now = clock.getAsLong();
                try (PreparedStatement s = connection.prepareStatement(TOMBSTONE)) {
                    s.setString(1, userId);
                    s.setLong(2, now);
                    s.setLong(3, now);
                    s.executeUpdate();
                }
                connection.commit();
                outcome =
                        before == null
                                ? Forgetting.NO_KEY
                                : before.forgotten
                                        ? Forgetting.ALREADY_FORGOTTEN
                                        : Forgetting.KEY_DELETED;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("forget a user", e);
        }
        if (outcome == Forgetting.KEY_DELETED) {
            try (Statement s = connection.createStatement()) {
                s.execute(dialect.afterForget());
            } catch (SQLException e) {
                LOG.warn(
                        "key store {}: the key is deleted, but '{}' failed ({}); old copies of it"
                                + " may stay in the database files until it runs",
                        description,
                        dialect.afterForget(),
                        e.getMessage());
            }
        }
        return outcome;
    }

    @Override
    public synchronized boolean isForgotten(String userId) {
        try {
            Row row = select(userId);
            return row != null && row.forgotten;
        } catch (SQLException e) {
            throw failure("read a tombstone", e);
        }
    }

    private Row select(String userId) throws SQLException {
        return query(select, userId);
    }

    private Row selectForUpdate(String userId) throws SQLException {
        // SQLite's IMMEDIATE transactions already hold the write lock
        if (dialect != KeyStoreDialect.POSTGRESQL) {
            return select(userId);
        }
        try (PreparedStatement s = connection.prepareStatement(SELECT + " FOR UPDATE")) {
            return query(s, userId);
        }
    }

    private static Row query(PreparedStatement s, String userId) throws SQLException {
        s.setString(1, userId);
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            byte[] key = rs.getBytes(1);
            rs.getLong(2);
            boolean forgotten = !rs.wasNull();
            if (!forgotten && (key == null || key.length != KEY_BYTES)) {
                throw new SQLException(
                        "the key of a user has "
                                + (key == null ? "no" : key.length)
                                + " bytes instead of "
                                + KEY_BYTES);
            }
            return new Row(key, forgotten);
        }
    }

    private KeyStoreException failure(String what, SQLException e) {
        return new KeyStoreException(
                "key store " + description + ": cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public synchronized void close() {
        try (connection) {
            select.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private record Row(byte[] key, boolean forgotten) {}
}
