package io.lakestream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.pipelines.job.RunMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --from-savepoint}: checked before submission, set strictly, its failures recognised. */
class SavepointRestoreTest {

    @Test
    void aSavepointFolderBecomesTheStrictStateRecoveryPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("_metadata"), "x");
        SavepointRestore restore = SavepointRestore.of(dir.toString(), RunMode.STREAM);
        Configuration conf = new Configuration();
        restore.applyTo(conf);
        assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo(dir.toUri().toString().replaceAll("/$", ""));
        assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)).isFalse();
    }

    @Test
    void aRemoteUriIsLeftToTheCluster() {
        assertThat(SavepointRestore.of("s3://bucket/sp/savepoint-1", RunMode.STREAM).uri())
                .isEqualTo("s3://bucket/sp/savepoint-1");
        assertThat(SavepointRestore.of(null, RunMode.STREAM)).isNull();
    }

    @Test
    void aMissingFileUriIsRefused() {
        assertThatThrownBy(() -> SavepointRestore.of("file:///no/such/sp", RunMode.STREAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no savepoint at file:///no/such/sp");
    }

    @Test
    void aRestoreFailureIsNamedByItsDeepestCause() {
        SavepointRestore restore = new SavepointRestore("file:/sp");
        Exception failure =
                new FlinkRuntimeException(
                        "job failed",
                        new CompletionException(
                                new IllegalStateException(
                                        "Failed to rollback to checkpoint/savepoint file:/sp."
                                                + " Cannot map checkpoint/savepoint state for"
                                                + " operator 3fd0 to the new program\nmore")));
        assertThat(RestoreFailure.describe(failure, restore))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "cannot restore the savepoint file:/sp:"
                                                        + " IllegalStateException: Failed to"
                                                        + " rollback")
                                        .doesNotContain("\n"));
        assertThat(RestoreFailure.describe(failure, null)).isEmpty();
        assertThat(RestoreFailure.describe(new IllegalStateException("disk full"), restore))
                .isEmpty();
    }
}
