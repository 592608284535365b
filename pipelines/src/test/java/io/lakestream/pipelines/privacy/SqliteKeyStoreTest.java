package io.lakestream.pipelines.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SQLite key store against the {@link KeyStoreContract}. */
class SqliteKeyStoreTest extends KeyStoreContract {

    @TempDir Path dir;

    @Override
    String location() {
        return dir.resolve("state/keys.db").toString();
    }

    /** No file of the store (database, WAL, shared memory) holds the deleted key's bytes. */
    @Override
    void assertKeyBytesGone(byte[] key) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            for (Path f : files.toList()) {
                byte[] content = Files.readAllBytes(f);
                assertThat(indexOf(content, key)).as("key bytes in %s", f).isEqualTo(-1);
            }
        }
    }

    @Test
    void theKeyBytesAreFoundInTheFileWhileTheKeyLives() throws Exception {
        byte[] key;
        try (KeyStore keys = KeyStores.open(location())) {
            key = keys.keyOf("u-live").orElseThrow();
        }
        // the check above can fail: the key is stored as raw bytes
        byte[] db = Files.readAllBytes(dir.resolve("state/keys.db"));
        assertThat(indexOf(db, key)).isNotEqualTo(-1);
    }

    @Test
    void jdbcSqliteUrlsAndPathsNameTheSameFile() {
        assertThat(KeyStores.normalize("jdbc:sqlite:" + location()))
                .isEqualTo(KeyStores.normalize(location()))
                .startsWith("jdbc:sqlite:/");
    }

    @Test
    void unsupportedLocationsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> KeyStores.open("jdbc:mysql://db/keys?password=secret"))
                .isInstanceOf(KeyStoreException.class)
                .hasMessage(
                        "unsupported key store 'jdbc:mysql://db/keys': use a file,"
                                + " jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB");
        assertThatThrownBy(() -> KeyStores.open("jdbc:sqlite::memory:"))
                .isInstanceOf(KeyStoreException.class)
                .hasMessageContaining("must be a plain file path");
        assertThatThrownBy(() -> KeyStores.open(" "))
                .isInstanceOf(KeyStoreException.class)
                .hasMessageStartingWith("no key store given");
    }

    @Test
    void aStoreThatCannotBeOpenedSaysWhere() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        assertThatThrownBy(() -> KeyStores.open(notADir.resolve("keys.db").toString()))
                .isInstanceOf(KeyStoreException.class)
                .hasMessageStartingWith("key store jdbc:sqlite:" + notADir.resolve("keys.db"));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
