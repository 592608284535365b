package io.lakestream.itests;

import io.lakestream.deploy.cli.LakestreamCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a {@code lakestream} command printed and returned, run in this JVM with stdout and stderr
 * captured (and echoed afterwards, so the test log still shows them): for tests of the one-line
 * messages a user sees.
 */
record CliOutput(int code, String out, String err) {

    /** Runs {@code lakestream args...}; one at a time, since it swaps the JVM's streams. */
    static synchronized CliOutput of(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = LakestreamCli.execute(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(stdout);
            System.setErr(stderr);
        }
        CliOutput o =
                new CliOutput(
                        code,
                        out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8));
        stdout.print(o.out);
        stderr.print(o.err);
        return o;
    }

    /**
     * {@code run} of a one-day backfill of a topic that does not exist, with {@code config}: it
     * gets as far as the planner's first Kafka request, which is what tests of the messages about
     * connecting to Kafka need.
     */
    static CliOutput backfillOfAbsentTopic(Path config, String bootstrap, Path work) {
        return of(
                "run",
                "--config",
                config.toString(),
                "--pipelines",
                "ingest",
                "--mode",
                "backfill",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-01",
                "--lake",
                work.resolve("lake-" + System.nanoTime()).toString(),
                "--bootstrap",
                bootstrap,
                "--topic",
                "events-absent",
                "--web-ui-port",
                "0",
                "--state-dir",
                work.resolve("state").toString());
    }

    /** Both streams. */
    String all() {
        return out + err;
    }

    /** The files under {@code dir} whose bytes contain {@code text} (a canary secret). */
    static List<Path> filesContaining(Path dir, String text) throws IOException {
        List<Path> hits = new ArrayList<>();
        if (!Files.exists(dir)) {
            return hits;
        }
        String needle =
                new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                        .contains(needle)) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }
}
