package io.lakestream.connectors.testing.faultyfs;

import java.net.URI;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.core.fs.local.LocalFileSystem;

/**
 * Registers the {@code faulty://} scheme (through {@code META-INF/services} of the test classpath,
 * as Flink finds every file system): the local file system, with the faults {@link StorageFaults}
 * decides. {@code faulty:///tmp/lake} is the folder {@code /tmp/lake}.
 */
public final class FaultyFileSystemFactory implements FileSystemFactory {

    public static final String SCHEME = "faulty";

    /** {@code faulty://} + the absolute path of {@code dir}. */
    public static String uri(java.nio.file.Path dir) {
        return SCHEME + "://" + dir.toAbsolutePath();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem create(URI fsUri) {
        // the shared instance itself: getLocalFileSystem() would wrap it in the safety net of the
        // task thread that happens to ask first, which closes when that task ends
        return new FaultyFileSystem(LocalFileSystem.getSharedInstance());
    }
}
