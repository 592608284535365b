package io.lakestream.connectors.testing.faultyfs;

import io.lakestream.connectors.testing.faultyfs.StorageFaults.Op;
import java.io.IOException;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The local recoverable writer (what the lake sink writes its part files with) with faults on open,
 * write, persist, close-for-commit and commit, including the commit of a recovered file.
 */
final class FaultyRecoverableWriter implements RecoverableWriter {

    private final RecoverableWriter local;

    FaultyRecoverableWriter(RecoverableWriter local) {
        this.local = local;
    }

    @Override
    public RecoverableFsDataOutputStream open(Path path) throws IOException {
        StorageFaults.check(Op.CREATE, path);
        return new Stream(local.open(path), path);
    }

    @Override
    public RecoverableFsDataOutputStream recover(ResumeRecoverable resumable) throws IOException {
        return new Stream(local.recover(resumable), null);
    }

    @Override
    public boolean requiresCleanupOfRecoverableState() {
        return local.requiresCleanupOfRecoverableState();
    }

    @Override
    public boolean cleanupRecoverableState(ResumeRecoverable resumable) throws IOException {
        return local.cleanupRecoverableState(resumable);
    }

    @Override
    public RecoverableFsDataOutputStream.Committer recoverForCommit(CommitRecoverable recoverable)
            throws IOException {
        return new FaultyCommitter(local.recoverForCommit(recoverable), null);
    }

    @Override
    public SimpleVersionedSerializer<CommitRecoverable> getCommitRecoverableSerializer() {
        return local.getCommitRecoverableSerializer();
    }

    @Override
    public SimpleVersionedSerializer<ResumeRecoverable> getResumeRecoverableSerializer() {
        return local.getResumeRecoverableSerializer();
    }

    @Override
    public boolean supportsResume() {
        return local.supportsResume();
    }

    private static final class Stream extends RecoverableFsDataOutputStream {
        private final RecoverableFsDataOutputStream out;
        private final Path path;

        Stream(RecoverableFsDataOutputStream out, Path path) {
            this.out = out;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            StorageFaults.check(Op.WRITE, path);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            StorageFaults.check(Op.WRITE, path);
            out.write(b, off, len);
        }

        @Override
        public ResumeRecoverable persist() throws IOException {
            StorageFaults.check(Op.PERSIST, path);
            return out.persist();
        }

        @Override
        public RecoverableFsDataOutputStream.Committer closeForCommit() throws IOException {
            StorageFaults.check(Op.CLOSE_FOR_COMMIT, path);
            return new FaultyCommitter(out.closeForCommit(), path);
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void sync() throws IOException {
            out.sync();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class FaultyCommitter implements RecoverableFsDataOutputStream.Committer {
        private final RecoverableFsDataOutputStream.Committer committer;
        private final Path path;

        FaultyCommitter(RecoverableFsDataOutputStream.Committer committer, Path path) {
            this.committer = committer;
            this.path = path;
        }

        @Override
        public void commit() throws IOException {
            StorageFaults.check(Op.COMMIT, path);
            committer.commit();
        }

        @Override
        public void commitAfterRecovery() throws IOException {
            StorageFaults.check(Op.COMMIT, path);
            committer.commitAfterRecovery();
        }

        @Override
        public CommitRecoverable getRecoverable() {
            return committer.getRecoverable();
        }
    }
}
