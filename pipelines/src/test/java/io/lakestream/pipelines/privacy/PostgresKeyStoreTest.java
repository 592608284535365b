package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL key store against the {@link KeyStoreContract}, on a server the test starts
 * itself; skipped, with the reason printed, where PostgreSQL is not installed.
 */
class PostgresKeyStoreTest extends KeyStoreContract {

    private static ThrowawayPostgres server;
    private static int databases;
    private String url;

    @BeforeAll
    static void startServer() throws Exception {
        String why = ThrowawayPostgres.unavailable();
        if (why != null) {
            System.out.println("PostgresKeyStoreTest skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        server = ThrowawayPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newDatabase() throws Exception {
        url = server.newDatabase("keys_" + (++databases));
    }

    @Override
    String location() {
        return url;
    }

    /** The live table has no row with the key; only the tombstone is left. */
    @Override
    void assertKeyBytesGone(byte[] key) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FILTER (WHERE user_key IS NOT NULL),"
                                        + " count(*) FILTER (WHERE forgotten_at IS NOT NULL)"
                                        + " FROM lakestream_user_keys")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isEqualTo(1);
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsOneLineWithoutThePassword() {
        String down = "jdbc:postgresql://127.0.0.1:1/keys?user=u&password=hunter2&connectTimeout=2";
        assertThatThrownBy(() -> KeyStores.open(down))
                .isInstanceOf(KeyStoreException.class)
                .hasMessageStartingWith("key store jdbc:postgresql://127.0.0.1:1/keys: cannot open")
                .hasMessageNotContaining("hunter2");
    }
}
