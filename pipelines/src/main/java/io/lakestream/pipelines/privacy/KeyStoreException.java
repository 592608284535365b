package io.lakestream.pipelines.privacy;

/**
 * The key store could not be read or written (unreachable, refused, corrupt). Its message names the
 * store and what failed, so that a command can print it as its one line.
 */
public class KeyStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyStoreException(String message) {
        super(message);
    }

    public KeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
