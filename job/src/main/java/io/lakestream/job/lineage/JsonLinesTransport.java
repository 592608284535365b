package io.lakestream.job.lineage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Appends events to {@code <lake>/_lineage/events-YYYY-MM-DD.jsonl} (the UTC date of sending), one
 * line each. Two runs may append to the same file at once: each line is written with one append
 * under an exclusive file lock (and one writer at a time within a process), so lines never
 * interleave. The lake is where the data is, so its lineage travels with it and needs no server;
 * {@code lakestream lineage} reads these files.
 */
public final class JsonLinesTransport implements LineageTransport {

    /** The lineage folder under the lake. */
    public static final String DIR = "_lineage";

    /**
     * File locks are held per JVM, not per thread (a second lock from this JVM throws): writers in
     * one process take turns here, and the file lock keeps other processes out.
     */
    private static final Object APPENDING = new Object();

    private final Path dir;
    private final Clock clock;

    public JsonLinesTransport(Path lake) {
        this(lake, Clock.systemUTC());
    }

    JsonLinesTransport(Path lake, Clock clock) {
        this.dir = lake.resolve(DIR);
        this.clock = clock;
    }

    /** The file of the events sent on {@code date}. */
    public static Path file(Path lake, LocalDate date) {
        return lake.resolve(DIR).resolve("events-" + date + ".jsonl");
    }

    @Override
    public void send(String eventJson) throws IOException {
        if (eventJson.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an event must be one line of JSON");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("events-" + LocalDate.now(clock) + ".jsonl");
        ByteBuffer line = ByteBuffer.wrap((eventJson + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (APPENDING) {
            try (FileChannel ch =
                            FileChannel.open(
                                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    FileLock lock = ch.lock()) {
                while (line.hasRemaining()) {
                    ch.write(line);
                }
            }
        }
    }

    @Override
    public String describe() {
        return dir.toString();
    }
}
