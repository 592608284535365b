package io.lakestream.job;

import io.lakestream.pipelines.job.RunMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * Where a stream restarts from: a savepoint (from {@code flink stop --savepointPath}) or a retained
 * checkpoint, set as Flink's {@code execution.state-recovery.path}. Non-restored state is never
 * allowed ({@code execution.state-recovery.ignore-unclaimed-state: false}, Flink's default): a
 * savepoint whose state the new job cannot take fails the start instead of dropping state silently,
 * which is what makes a changed job's upgrade safe.
 *
 * <p>A local path or {@code file:} URI is checked here, before anything is submitted, so that a
 * typo is one line and not a job failure; other file systems (s3://, hdfs://) are checked by the
 * cluster.
 *
 * <pre>{@code
 * SavepointRestore.of("/savepoints/savepoint-3f2a1c-0b9e", RunMode.STREAM).applyTo(conf);
 * }</pre>
 */
public record SavepointRestore(String uri) {

    /**
     * The restore of {@code --from-savepoint}, or null when it was not given.
     *
     * @throws IllegalArgumentException with a one-line message, for a backfill or a local path that
     *     holds no savepoint
     */
    public static SavepointRestore of(String pathOrUri, RunMode mode) {
        if (pathOrUri == null || pathOrUri.isBlank()) {
            return null;
        }
        if (mode != RunMode.STREAM) {
            throw new IllegalArgumentException(
                    "--from-savepoint restores a stream: a backfill has no state to carry over,"
                            + " drop --from-savepoint or use --mode stream");
        }
        URI uri = toUri(pathOrUri);
        if ("file".equals(uri.getScheme())) {
            requireSavepoint(Path.of(uri), pathOrUri);
        }
        return new SavepointRestore(uri.toString());
    }

    /** Sets the state-recovery path of the job, strict about state the job does not take. */
    public void applyTo(Configuration conf) {
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, uri);
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
    }

    private static URI toUri(String pathOrUri) {
        if (pathOrUri.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            try {
                return URI.create(pathOrUri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--from-savepoint is not a valid URI: " + pathOrUri);
            }
        }
        String uri = Path.of(pathOrUri).toAbsolutePath().normalize().toUri().toString();
        // a folder's URI ends with '/': the savepoint is named as Flink prints it, without
        return URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
    }

    private static void requireSavepoint(Path path, String given) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(
                    "no savepoint at "
                            + given
                            + ": give the folder that 'flink stop --savepointPath' printed, or a"
                            + " retained checkpoint's chk-N folder");
        }
        Path metadata = Files.isDirectory(path) ? path.resolve("_metadata") : path;
        if (!Files.isRegularFile(metadata)
                || !metadata.getFileName().toString().equals("_metadata")) {
            throw new IllegalArgumentException(
                    given
                            + " is not a savepoint or checkpoint (it has no _metadata file): give"
                            + " the folder that 'flink stop --savepointPath' printed, or a retained"
                            + " checkpoint's chk-N folder");
        }
        if (!Files.isReadable(metadata)) {
            throw new IllegalArgumentException(
                    "cannot read the savepoint's " + metadata + ": check its permissions");
        }
    }
}
