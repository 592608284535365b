package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.privacy.KeyStore;
import io.lakestream.pipelines.privacy.KeyStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgetUserCommandTest {

    @TempDir Path work;

    private String store() {
        return work.resolve("keys.db").toString();
    }

    @Test
    void deletesTheKeyAndLeavesATombstone() {
        try (KeyStore keys = KeyStores.open(store())) {
            keys.keyOf("u1");
            keys.keyOf("u2");
        }
        CliRun run = CliRun.of("forget-user", "--user", "u1", "--key-store", store());
        assertThat(run.code()).isZero();
        assertThat(run.out().strip())
                .isEqualTo(
                        "forgot user u1: key deleted, tombstone recorded in jdbc:sqlite:"
                                + work.resolve("keys.db"));
        try (KeyStore keys = KeyStores.open(store())) {
            assertThat(keys.isForgotten("u1")).isTrue();
            assertThat(keys.keyOf("u1")).isEmpty();
            assertThat(keys.existingKeyOf("u2")).isPresent();
        }
        CliRun again = CliRun.of("forget-user", "--user", "u1", "--key-store", store());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("user u1 was already forgotten in");
    }

    @Test
    void aUserWithoutAKeyGetsATombstone() {
        try (KeyStore keys = KeyStores.open(store())) {
            keys.keyOf("u1");
        }
        CliRun run =
                CliRun.of("forget-user", "--user", "u9", "--key-store", "jdbc:sqlite:" + store());
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("user u9 had no key in", "tombstone recorded");
        try (KeyStore keys = KeyStores.open(store())) {
            assertThat(keys.keyOf("u9")).isEmpty();
        }
    }

    @Test
    void theKeyStoreOfTheConfigFileIsTheDefault() throws Exception {
        try (KeyStore keys = KeyStores.open(store())) {
            keys.keyOf("u1");
        }
        Path config = work.resolve("lakestream.yaml");
        java.nio.file.Files.writeString(config, "privacy:\n  key-store: " + store() + "\n");
        CliRun run = CliRun.of("forget-user", "--user", "u1", "--config", config.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("forgot user u1: key deleted");
    }

    @Test
    void aMissingStoreFileIsOneLineAndCreatesNothing() {
        CliRun run =
                CliRun.of(
                        "forget-user",
                        "--user",
                        "u1",
                        "--key-store",
                        work.resolve("typo.db").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip())
                .doesNotContain("\n")
                .isEqualTo(
                        "lakestream: no key store at "
                                + work.resolve("typo.db")
                                + ": give --key-store the key store of the runs that"
                                + " pseudonymised the user");
        assertThat(work.resolve("typo.db")).doesNotExist();
    }

    @Test
    void usageMistakesAreOneLine() {
        CliRun noUser = CliRun.of("forget-user", "--key-store", store());
        assertThat(noUser.code()).isEqualTo(2);
        assertThat(noUser.err().strip())
                .isEqualTo("lakestream: missing --user ID: give the user_id to forget");

        CliRun badStore =
                CliRun.of(
                        "forget-user",
                        "--user",
                        "u1",
                        "--key-store",
                        "jdbc:mysql://h/db?password=x");
        assertThat(badStore.code()).isEqualTo(2);
        assertThat(badStore.err().strip())
                .doesNotContain("\n")
                .startsWith("lakestream: unsupported key store 'jdbc:mysql://h/db'")
                .doesNotContain("password");
    }

    @Test
    void anUnreachableServerIsOneLine() {
        CliRun run =
                CliRun.of(
                        "forget-user",
                        "--user",
                        "u1",
                        "--key-store",
                        "jdbc:postgresql://127.0.0.1:1/keys?user=u&connectTimeout=2");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip())
                .doesNotContain("\n")
                .startsWith(
                        "lakestream: key store jdbc:postgresql://127.0.0.1:1/keys: cannot open");
        assertThat(run.err()).doesNotContain("Exception");
    }
}
