package io.lakestream.deploy.cli;

import io.lakestream.job.config.ConfigDefaults;
import io.lakestream.job.config.ConfigOption;
import io.lakestream.pipelines.privacy.KeyStore;
import io.lakestream.pipelines.privacy.KeyStoreException;
import io.lakestream.pipelines.privacy.KeyStores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakestream forget-user}: crypto-shreds a user. Deletes the user's key from the key store
 * and leaves a tombstone, so that the pseudonym in every row already written can no longer be
 * linked to the user, and no later run creates a key for them again (their events are dropped and
 * counted). The lake itself is not touched.
 */
@Command(
        name = "forget-user",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = ConfigDefaults.class,
        description = {
            "Deletes a user's pseudonymisation key and records a tombstone: their rows in the lake"
                    + " become unlinkable, and later runs drop their events.",
            "Exit code: 0 (also when the user had no key or was forgotten before), 2 a usage error"
                    + " or a key store that cannot be reached."
        })
final class ForgetUserCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Option(names = "--user", paramLabel = "ID", description = "The user_id to forget (required).")
    String user;

    @Option(
            names = "--key-store",
            paramLabel = "FILE|JDBC-URL",
            defaultValue = KeyStores.DEFAULT_FILE,
            description =
                    "The key store the runs use (setting privacy.key-store of --config): a SQLite"
                            + " file (default ${DEFAULT-VALUE}),"
                            + " jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=U.")
    String keyStore;

    @Override
    public Integer call() {
        if (user == null || user.isBlank()) {
            throw new UserError("missing --user ID: give the user_id to forget");
        }
        String location;
        try {
            location = KeyStores.normalize(keyStore);
        } catch (KeyStoreException e) {
            throw new UserError(e.getMessage() + " (--key-store)");
        }
        Path file = KeyStores.fileOf(location);
        if (file != null && !Files.isRegularFile(file)) {
            // a mistyped path would otherwise get a new store with the tombstone, while the real
            // one keeps the key
            throw new UserError(
                    "no key store at "
                            + file
                            + ": give --key-store the key store of the runs that pseudonymised"
                            + " the user");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KeyStore keys = KeyStores.open(location)) {
            KeyStore.Forgetting outcome = keys.forget(user);
            out.println(
                    switch (outcome) {
                        case KEY_DELETED ->
                                "forgot user "
                                        + user
                                        + ": key deleted, tombstone recorded in "
                                        + keys.describe();
                        case NO_KEY ->
                                "user "
                                        + user
                                        + " had no key in "
                                        + keys.describe()
                                        + "; tombstone recorded, no key will be created for them";
                        case ALREADY_FORGOTTEN ->
                                "user " + user + " was already forgotten in " + keys.describe();
                    });
            out.flush();
            return 0;
        } catch (KeyStoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
