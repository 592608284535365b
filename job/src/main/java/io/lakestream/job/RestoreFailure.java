package io.lakestream.job;

import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a job that failed because its savepoint could not be restored: the savepoint is gone
 * or unreadable, it holds state of an operator the job no longer has, or a state's type changed
 * incompatibly. Such a failure is the user's to fix (a wrong path, or an upgrade that breaks
 * state), so the CLI says so in one line instead of reporting a job failure.
 */
public final class RestoreFailure {

    private static final String[] SIGNS = {
        "rollback to checkpoint/savepoint",
        "cannot map checkpoint/savepoint state",
        "cannot find checkpoint or savepoint",
        "statemigrationexception",
        "incompatible",
        "_metadata",
    };

    private RestoreFailure() {}

    /**
     * The one-line message for a job started from {@code savepoint} that failed while restoring it,
     * or empty when {@code failure} is something else.
     */
    public static Optional<String> describe(Throwable failure, SavepointRestore savepoint) {
        if (savepoint == null) {
            return Optional.empty();
        }
        // the deepest cause that says so: outer ones repeat it behind their own class names
        String found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getClass().getSimpleName() + ": " + t.getMessage();
            String lower = text.toLowerCase(Locale.ROOT);
            for (String sign : SIGNS) {
                if (lower.contains(sign)) {
                    found = text.lines().findFirst().orElse("");
                    break;
                }
            }
        }
        if (found != null) {
            return Optional.of(
                    "cannot restore the savepoint "
                            + savepoint.uri()
                            + ": "
                            + found
                            + " (this job's state does not match the savepoint's: restore it with"
                            + " the version that took it, or start without --from-savepoint)");
        }
        return Optional.empty();
    }
}
