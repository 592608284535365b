package io.lakestream.connectors.testing.faultyfs;

import io.lakestream.connectors.testing.faultyfs.StorageFaults.Op;
import java.io.IOException;
import java.net.URI;
import org.apache.flink.core.fs.BlockLocation;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableWriter;

/**
 * The local file system with injected faults on the operations that change storage (create, write,
 * rename, and the recoverable writer's persist and commit); reads never fail. Local paths ignore
 * the scheme, so a {@code faulty://} path is handed to the local file system as it is.
 */
final class FaultyFileSystem extends FileSystem {

    private final FileSystem local;

    FaultyFileSystem(FileSystem local) {
        this.local = local;
    }

    @Override
    public FSDataOutputStream create(Path path, WriteMode overwrite) throws IOException {
        StorageFaults.check(Op.CREATE, path);
        return new FaultyOutputStream(local.create(path, overwrite), path);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        StorageFaults.check(Op.RENAME, dst);
        return local.rename(src, dst);
    }

    @Override
    public RecoverableWriter createRecoverableWriter() throws IOException {
        return new FaultyRecoverableWriter(local.createRecoverableWriter());
    }

    @Override
    public Path getWorkingDirectory() {
        return local.getWorkingDirectory();
    }

    @Override
    public Path getHomeDirectory() {
        return local.getHomeDirectory();
    }

    @Override
    public URI getUri() {
        return URI.create(FaultyFileSystemFactory.SCHEME + ":///");
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return local.getFileStatus(f);
    }

    @Override
    public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len)
            throws IOException {
        return local.getFileBlockLocations(file, start, len);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return local.open(f, bufferSize);
    }

    @Override
    public FSDataInputStream open(Path f) throws IOException {
        return local.open(f);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        return local.listStatus(f);
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        return local.delete(f, recursive);
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
        return local.mkdirs(f);
    }

    @Override
    public boolean isDistributedFS() {
        return false;
    }

    /** An output stream whose writes may fail. */
    private static final class FaultyOutputStream extends FSDataOutputStream {
        private final FSDataOutputStream out;
        private final Path path;

        FaultyOutputStream(FSDataOutputStream out, Path path) {
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
}
