package io.lakestream.bench.backfill;

import io.lakestream.bench.BenchContext;
import io.lakestream.bench.BenchFiles;
import io.lakestream.bench.ingest.LakestreamIngest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The lake the backfill workloads read: the bench topic's {@code events}, written by one Lakestream
 * ingest ({@code --until latest}) and reused by later bench runs. A marker named after the topic
 * records that the ingest finished; without it (or for another topic) the lake is ingested again,
 * so a half-written lake is never read.
 */
final class InputLake {

    private InputLake() {}

    /** The input lake of {@code context}'s topic under {@code dir}, ingesting it if needed. */
    static Path ensure(BenchContext context, Path dir) throws Exception {
        Path lake = dir.resolve("input-lake");
        Path marker = dir.resolve(context.topic().name() + ".lake-complete");
        if (Files.exists(marker) && Files.isDirectory(lake.resolve("events"))) {
            return lake;
        }
        try (Stream<Path> old = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            for (Path p : old.filter(p -> p.toString().endsWith(".lake-complete")).toList()) {
                Files.delete(p);
            }
        }
        Path state = BenchFiles.clean(dir.resolve("input-state"));
        BenchFiles.clean(lake);
        context.log()
                .printf("ingesting %s into the backfill input lake ...%n", context.topic().name());
        long kept =
                new LakestreamIngest(context.bootstrap(), context.topic().name())
                        .run(
                                lake,
                                state,
                                "bench-backfill-input",
                                "lakestream-bench-input-" + System.currentTimeMillis());
        if (kept == 0 || !Files.isDirectory(lake.resolve("events"))) {
            throw new IllegalStateException(
                    "the ingest of the backfill input lake " + lake + " kept no events");
        }
        Files.writeString(marker, kept + " events\n");
        return lake;
    }

    /**
     * A lake of its own for one Lakestream lake backfill, holding the input's {@code events} (hard
     * links): a lake backfill reads {@code events} from the lake it writes to.
     */
    static Path fresh(Path input, Path lake) throws IOException {
        BenchFiles.clean(lake);
        BenchFiles.link(input.resolve("events"), lake.resolve("events"));
        return lake;
    }
}
