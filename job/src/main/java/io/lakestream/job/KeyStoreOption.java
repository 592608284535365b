package io.lakestream.job;

import io.lakestream.pipelines.privacy.KeyStoreException;
import io.lakestream.pipelines.privacy.KeyStores;
import java.nio.file.Path;

/**
 * Checks {@code --key-store} when a run is planned, so that a mistake is one line before the job
 * starts rather than a task failing: the location must be one the tasks can open, and a key store
 * file must not be inside the lake (whoever can read the lake could then re-link every pseudonym).
 */
public final class KeyStoreOption {

    private KeyStoreOption() {}

    /**
     * The location the tasks open (see {@link KeyStores#normalize}), or null when pseudonymisation
     * is off.
     *
     * @throws IllegalArgumentException with a one-line message naming the option
     */
    public static String resolve(String keyStore, Path lake) {
        if (keyStore == null) {
            return null;
        }
        String location;
        try {
            location = KeyStores.normalize(keyStore);
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(e.getMessage() + " (--key-store)");
        }
        Path file = KeyStores.fileOf(location);
        Path lakeDir = lake.toAbsolutePath().normalize();
        if (file != null && file.startsWith(lakeDir)) {
            throw new IllegalArgumentException(
                    "--key-store "
                            + keyStore
                            + " is inside the lake "
                            + lakeDir
                            + ": keep the keys outside it (e.g. "
                            + KeyStores.DEFAULT_FILE
                            + "), or anyone who reads the lake can re-link the pseudonyms");
        }
        return location;
    }
}
