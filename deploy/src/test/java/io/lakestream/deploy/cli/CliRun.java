package io.lakestream.deploy.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the command line in-process and captures its exit code, stdout and stderr (also for the
 * integration tests, through this module's test jar).
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code lakestream args...}; one at a time, since it swaps the JVM's streams. */
    public static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LakestreamCli.execute(args);
            System.out.flush();
            System.err.flush();
            return new CliRun(
                    code,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Both streams. */
    public String all() {
        return out + err;
    }
}
