package io.lakestream.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** The workloads' file chores: fresh output folders, and copies of inputs that cost no time. */
public final class BenchFiles {

    private BenchFiles() {}

    /** An empty folder at {@code dir}: what was there is deleted. */
    public static Path clean(Path dir) throws IOException {
        delete(dir);
        return Files.createDirectories(dir);
    }

    /**
     * Deletes {@code dir} and everything in it. Files that vanish meanwhile are fine: a finished
     * Flink job may still be discarding its last checkpoint's files.
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e)
                            throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e)
                            throws IOException {
                        if (e != null && !(e instanceof NoSuchFileException)) {
                            throw e;
                        }
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /**
     * The tree {@code from} again at {@code to}, its files hard links: a run that must find its
     * input inside its own output folder gets it without a copy's time (the files are never
     * rewritten in place, so the links are safe).
     */
    public static void link(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, p);
                }
            }
        }
    }
}
