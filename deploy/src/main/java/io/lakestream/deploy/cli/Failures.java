package io.lakestream.deploy.cli;

import io.lakestream.connectors.lake.quality.ExpectationsException;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import io.lakestream.job.RestoreFailure;
import io.lakestream.job.SavepointRestore;
import io.lakestream.pipelines.ingest.QuarantineRateExceededException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.apache.flink.util.ExceptionUtils;

/** Turns the usual ways a local run goes wrong into one line that says what to do. */
final class Failures {

    private Failures() {}

    /** Fails with a {@link UserError} if {@code port} (the web UI's) is taken; 0 means no UI. */
    static void requireFreePort(int port, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new UserError(
                    "port "
                            + port
                            + " is in use (another Flink web UI?); pass "
                            + option
                            + " with a free port, or 0 for no web UI");
        }
    }

    /** A job that failed: its deepest cause, on one line, and where the full log is. */
    static UserError jobFailed(Exception e) {
        return jobFailed(e, ".lakestream/logs/lakestream.log");
    }

    /** As {@link #jobFailed(Exception)}, for a job whose details are in {@code where}. */
    static UserError jobFailed(Exception e, String where) {
        return jobFailed(e, where, null);
    }

    /**
     * As {@link #jobFailed(Exception, String)}, for a job started from {@code restore} (or null): a
     * savepoint it could not restore is said so.
     */
    static UserError jobFailed(Exception e, String where, SavepointRestore restore) {
        Optional<String> restoreFailure = RestoreFailure.describe(e, restore);
        if (restoreFailure.isPresent()) {
            return new UserError(restoreFailure.get(), e);
        }
        QuarantineRateExceededException breach = QuarantineRateExceededException.find(e);
        if (breach != null) {
            // the run stopped as asked: its own message says which record and what to do
            return new UserError(breach.getMessage(), e);
        }
        QualityBreachException qualityBreach = QualityBreachException.find(e);
        if (qualityBreach != null) {
            // a fail-job expectation stopped the run: its message names the partition and rule
            return new UserError(qualityBreach.getMessage(), e);
        }
        if (e instanceof ExpectationsException) {
            return new UserError(e.getMessage(), e);
        }
        Throwable root = ExceptionUtils.stripExecutionException(e);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return new UserError(
                "the job failed: "
                        + root.getClass().getSimpleName()
                        + (message.isEmpty() ? "" : ": " + message)
                        + " (details in "
                        + where
                        + ")",
                e);
    }
}
