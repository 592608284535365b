package io.lakestream.deploy.cli;

/**
 * A mistake the user can fix: printed as one line ({@code lakestream: <message>}), exit code 2,
 * never a stack trace. The message says what is wrong and how to fix it.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /** Returns the first {@link UserError} in the cause chain of {@code t}, or {@code null}. */
    static UserError find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserError) {
                return (UserError) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
