package io.lakestream.connectors.lake.quality;

/**
 * A mistake in an expectations file or folder: one line that names the file and the problem, for
 * the command line to print as is (an {@link IllegalArgumentException}, like every user mistake).
 */
public final class ExpectationsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ExpectationsException(String message) {
        super(message);
    }
}
