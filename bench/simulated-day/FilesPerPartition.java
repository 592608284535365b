import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Data files per committed partition of one table ({@code date=/hour=} folders with a
 * {@code _SUCCESS} marker): partitions, total files, and min / median / max files per partition.
 * {@code FilesPerPartition LAKE TABLE}.
 */
public class FilesPerPartition {
    public static void main(String[] args) throws IOException {
        Path table = Path.of(args[0]).resolve(args[1]);
        List<Long> counts = new ArrayList<>();
        try (Stream<Path> dates = Files.list(table)) {
            for (Path date : dates.filter(p -> p.getFileName().toString().startsWith("date=")).sorted().toList()) {
                try (Stream<Path> hours = Files.list(date)) {
                    for (Path hour : hours.filter(Files::isDirectory).sorted().toList()) {
                        if (Files.exists(hour.resolve("_SUCCESS"))) {
                            try (Stream<Path> files = Files.list(hour)) {
                                counts.add(files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count());
                            }
                        }
                    }
                }
            }
        }
        if (counts.isEmpty()) {
            System.out.println(args[1] + ": no committed partition");
            return;
        }
        long total = counts.stream().mapToLong(Long::longValue).sum();
        Collections.sort(counts);
        System.out.printf(
                "%s: %d committed partitions, %,d files; files per partition min %d, median %d, max %d%n",
                args[1], counts.size(), total, counts.get(0), counts.get(counts.size() / 2), counts.get(counts.size() - 1));
    }
}
