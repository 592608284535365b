package io.lakestream.deploy.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Polls the REST API until the cluster reaches a state, with a deadline, failing at once (with the
 * log to read) if one of the processes that must stay up exits meanwhile.
 */
final class ClusterAwait {

    private static final long POLL_MILLIS = 250;

    private ClusterAwait() {}

    /**
     * Returns the first overview that satisfies {@code done}.
     *
     * @param what the awaited state, for the timeout message ("2 registered TaskManagers")
     * @throws ClusterException if a process of {@code mustLive} exits or the deadline passes
     */
    static ClusterOverview until(
            ClusterRest rest,
            List<ClusterProcess> mustLive,
            Predicate<ClusterOverview> done,
            String what,
            Path logDir,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<?> anyExit =
                CompletableFuture.anyOf(
                        mustLive.stream()
                                .map(p -> p.handle().onExit())
                                .toArray(CompletableFuture[]::new));
        Optional<ClusterOverview> last = Optional.empty();
        while (true) {
            for (ClusterProcess p : mustLive) {
                if (!p.isAlive()) {
                    throw exited(p);
                }
            }
            last = rest.overview();
            if (last.isPresent() && done.test(last.get())) {
                return last.get();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ClusterException(
                        "the Flink cluster did not reach "
                                + what
                                + " within "
                                + timeout.toSeconds()
                                + " s ("
                                + last.map(o -> o.taskManagers() + " TaskManagers registered")
                                        .orElse("the REST API does not answer")
                                + "); see the logs in "
                                + logDir);
            }
            try {
                // the pause between polls ends early if a process exits
                anyExit.get(
                        Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining) + 1),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for the Flink cluster", e);
            }
        }
    }

    static ClusterException exited(ClusterProcess p) {
        Path console = p.log().resolveSibling(p.name() + ".out");
        boolean consoleHasText = size(console) > 0;
        return new ClusterException(
                "the Flink "
                        + p.title()
                        + " (pid "
                        + p.pid()
                        + ") exited"
                        + firstError(p.log()).map(e -> " (" + e + ")").orElse("")
                        + "; see "
                        + p.log()
                        + (consoleHasText ? " and " + console : ""),
                portTaken(p.log()));
    }

    /**
     * Whether a process's log says it could not bind a port. Its first ERROR line does not say so
     * (Flink logs "Could not start cluster entrypoint" and the {@code BindException} further down),
     * so the whole log is searched.
     */
    static boolean portTaken(Path log) {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.anyMatch(
                    l ->
                            l.contains("java.net.BindException")
                                    || l.contains("Address already in use")
                                    || l.toLowerCase(java.util.Locale.ROOT)
                                            .contains("failed to bind"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The first ERROR line of a process's log, shortened: why it exited, in most cases. */
    static Optional<String> firstError(Path log) {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" ERROR "))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(" ERROR ") + 7).trim())
                    .map(l -> l.length() > 240 ? l.substring(0, 240) + "..." : l);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
