package io.lakestream.connectors.lake.internal;

import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableWriter;

/**
 * Makes the files of a completed checkpoint visible, by committing their recoverables, each after
 * writing its statistics sidecar ({@link FileStats}). Idempotent: a file already committed by an
 * earlier attempt is left alone (the recoverable writer's {@code commitAfterRecovery} contract), so
 * a restarted job can replay its committables safely.
 */
public final class LakeFileCommitter implements Committer<LakeCommittable> {

    private final Path root;
    private RecoverableWriter writer;

    public LakeFileCommitter(Path root) {
        this.root = root;
    }

    @Override
    public void commit(Collection<CommitRequest<LakeCommittable>> requests) throws IOException {
        for (CommitRequest<LakeCommittable> request : requests) {
            LakeCommittable c = request.getCommittable();
            if (!c.isFile()) {
                continue;
            }
            RecoverableWriter w = writer();
            RecoverableWriter.CommitRecoverable recoverable =
                    w.getCommitRecoverableSerializer()
                            .deserialize(c.recoverableVersion(), c.recoverable());
            Path target = new Path(new Path(root, c.partition()), c.fileName());
            // the sidecar first: every visible data file has its statistics beside it
            FileStats.of(c).write(target.getFileSystem(), target);
            w.recoverForCommit(recoverable).commitAfterRecovery();
        }
    }

    private RecoverableWriter writer() throws IOException {
        if (writer == null) {
            writer = FileSystem.get(root.toUri()).createRecoverableWriter();
        }
        return writer;
    }

    @Override
    public void close() {}
}
