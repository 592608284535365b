package io.lakestream.connectors.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's {@code main} class in a JVM of its own, on this JVM's class path, so that a test
 * can kill a protocol between two of its steps for real: the child calls {@link #halt()} where it
 * should die, and the test then looks at what it left on disk. A halted JVM runs no {@code finally}
 * block, no shutdown hook and no close, as after {@code kill -9}; an exception thrown in the test's
 * own JVM would run them all.
 *
 * <p>The class path is {@code java.class.path}: in a Surefire or Failsafe fork that is the test
 * class path (the plugins start the fork from a manifest-only jar, {@code
 * surefire.real.class.path}, and set {@code java.class.path} to what its manifest lists); were it
 * that jar, {@code -cp} would work as well, the JVM following its {@code Class-Path}. The child
 * writes to a file, not to the inherited stdout, which is the fork's channel to the plugin.
 */
public final class ChildJvm {

    /** The exit code of a halted child: that of a process killed by SIGKILL (128 + 9). */
    public static final int KILLED = 137;

    /** What Flink needs opened on Java 17, as {@code bin/lakestream} passes it. */
    private static final List<String> OPENS =
            List.of(
                    "java.base/java.lang",
                    "java.base/java.lang.reflect",
                    "java.base/java.util",
                    "java.base/java.util.concurrent",
                    "java.base/java.io",
                    "java.base/java.nio",
                    "java.base/sun.nio.ch",
                    "java.base/java.net",
                    "java.base/java.time",
                    "java.base/java.text");

    /** How a child ended: its exit code and everything it wrote to stdout and stderr. */
    public record Exit(int code, String output) {

        /** The last lines of the output, to explain an unexpected exit in an assertion. */
        public String tail() {
            int from = Math.max(0, output.length() - 6_000);
            return "\n--- child output"
                    + (from > 0 ? " (last 6000 characters)" : "")
                    + " ---\n"
                    + output.substring(from);
        }
    }

    private ChildJvm() {}

    /** Stops this JVM now, with {@link #KILLED}, as {@code kill -9} would. */
    public static void halt() {
        Runtime.getRuntime().halt(KILLED);
    }

    /**
     * Runs {@code main} with {@code args} in a child JVM and waits for it to end; a child still
     * running after {@code timeout} is killed and fails the test.
     */
    public static Exit run(Class<?> main, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        OPENS.forEach(p -> command.add("--add-opens=" + p + "=ALL-UNNAMED"));
        // short-lived: the client compiler alone spends far less CPU than tiered compilation
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("child-jvm-", ".log");
        long start = System.nanoTime();
        try {
            Process child =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
                throw new AssertionError(
                        main.getSimpleName()
                                + " still running after "
                                + timeout
                                + new Exit(-1, read(log)).tail());
            }
            System.out.printf(
                    "%s %s: exit %d after %.1f s%n",
                    main.getSimpleName(),
                    String.join(" ", args),
                    child.exitValue(),
                    (System.nanoTime() - start) / 1e9);
            return new Exit(child.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
