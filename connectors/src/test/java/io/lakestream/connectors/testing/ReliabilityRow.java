package io.lakestream.connectors.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of docs/reliability.md, written by the fault test that measured it: the fault, how the
 * test induced it, and what it observed — records expected, lost and duplicated (counted as
 * multisets against the test's oracle), restarts, time to recover. Rows go to {@code
 * target/reliability/<id>.json} of the module; {@code bench/reliability/report.sh} assembles the
 * document from them, so no figure in it is typed by hand.
 */
public record ReliabilityRow(
        String id,
        String fault,
        String induced,
        int runs,
        long records,
        long lost,
        long duplicated,
        String restarts,
        String recovery) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes this row; returns it, so that a test can then assert it lost and doubled nothing. */
    public ReliabilityRow write() {
        Path dir = Path.of(System.getProperty("reliability.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve(id + ".json").toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A row whose lost and duplicated counts compare {@code actual} with {@code expected}. */
    public static <T> ReliabilityRow of(
            String id,
            String fault,
            String induced,
            int runs,
            Collection<T> expected,
            Collection<T> actual,
            String restarts,
            String recovery) {
        Map<T, Long> balance = new HashMap<>();
        expected.forEach(e -> balance.merge(e, 1L, Long::sum));
        actual.forEach(a -> balance.merge(a, -1L, Long::sum));
        long lost = balance.values().stream().filter(n -> n > 0).mapToLong(Long::longValue).sum();
        long duplicated =
                -balance.values().stream().filter(n -> n < 0).mapToLong(Long::longValue).sum();
        return new ReliabilityRow(
                id, fault, induced, runs, expected.size(), lost, duplicated, restarts, recovery);
    }

    /** {@code 1.2 s} or {@code 45 ms}, the form of the report's recovery column. */
    public static String seconds(Duration d) {
        return d.toMillis() < 1000
                ? d.toMillis() + " ms"
                : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
