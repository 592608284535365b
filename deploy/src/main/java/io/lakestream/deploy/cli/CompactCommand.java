package io.lakestream.deploy.cli;

import io.lakestream.connectors.lake.compact.BucketSpec;
import io.lakestream.connectors.lake.compact.CompactionRefused;
import io.lakestream.connectors.lake.compact.CompactionResult;
import io.lakestream.connectors.lake.compact.LakeCompactor;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.job.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakestream compact}: merges the files of a table's committed partitions into canonical
 * files of about the target size, keeping every partition's content checksum. The work is done by
 * {@link LakeCompactor}; this class parses flags and prints one line per table.
 */
@Command(
        name = "compact",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Merges the Parquet files of a table's committed partitions into files of about the"
                    + " target size, rows sorted by the first column (then the whole row), named"
                    + " after the partition's content checksum. The same rows always give the same"
                    + " files, so compacted stream and backfill partitions are byte-identical.",
            "Readers that honour _SUCCESS see each partition complete-old or complete-new (briefly"
                    + " absent while it switches). A compaction that was stopped is completed by"
                    + " running compact again. Partitions already compacted are left alone.",
            "With --bucket-by COL --buckets N each partition gets at most N files, file i"
                    + " holding the rows whose Spark bucket id pmod(murmur3(COL, 42), N) is i,"
                    + " sorted by COL: the layout of a Spark table CLUSTERED BY (COL) SORTED BY"
                    + " (COL) INTO N BUCKETS.",
            "Exit code: 0 done, 2 a usage error or a partition that does not match its manifest."
        })
final class CompactCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR", description = "The lake (required).")
    String lake;

    @Option(names = "--table", paramLabel = "T", description = "The table to compact (required).")
    String table;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "First partition date, YYYY-MM-DD (inclusive); needs --to.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "Last partition date, YYYY-MM-DD (inclusive); needs --from.")
    String to;

    @Option(
            names = "--target-size",
            paramLabel = "SIZE",
            defaultValue = "128MB",
            description =
                    "About how large each compacted file gets, e.g. 128MB, 512KB, 1GB (binary"
                            + " units: 1MB = 1 MiB = 1048576 bytes; default ${DEFAULT-VALUE}).")
    String targetSize;

    @Option(
            names = "--bucket-by",
            paramLabel = "COL",
            description =
                    "Bucket each partition by this string, int or long column, as Spark does"
                            + " (e.g. user_id); needs --buckets. Without it, partitions an earlier"
                            + " run bucketed stay as they are.")
    String bucketBy;

    @Option(
            names = "--buckets",
            paramLabel = "N",
            description = "The number of buckets, 1 to 100000; needs --bucket-by.")
    Integer buckets;

    @Override
    public Integer call() {
        if (lake == null) {
            throw new UserError("missing --lake DIR: give the lake directory to compact");
        }
        if (table == null || table.isBlank()) {
            throw new UserError(
                    "missing --table T: give the table to compact, e.g. --table events");
        }
        long target = parseSize(targetSize);
        LocalDate[] range = range(from, to);
        BucketSpec bucketing = bucketSpec(bucketBy, buckets);
        LakeReader reader = open(lake);
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<String> tables = reader.tables();
            if (!tables.contains(table.trim())) {
                throw new UserError(
                        "no table '"
                                + table.trim()
                                + "' in "
                                + lake
                                + (tables.isEmpty()
                                        ? " (it has no tables)"
                                        : "; tables: " + String.join(", ", tables)));
            }
            CompactionResult r =
                    new LakeCompactor(reader, target)
                            .bucketing(bucketing)
                            .compact(table.trim(), range[0], range[1]);
            out.println(line(r));
            return 0;
        } catch (CompactionRefused e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot compact " + lake + ": " + e.getMessage(), e);
        } finally {
            out.flush();
        }
    }

    static String line(CompactionResult r) {
        StringBuilder s =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%s: %d of %d partitions compacted, files %d -> %d, bytes %s -> %s",
                                r.table(),
                                r.compacted() + r.recovered(),
                                r.partitions(),
                                r.filesBefore(),
                                r.filesAfter(),
                                VerifyOutput.size(r.bytesBefore()),
                                VerifyOutput.size(r.bytesAfter())));
        if (r.alreadyCompact() > 0) {
            s.append(", ").append(r.alreadyCompact()).append(" already compact");
        }
        if (r.recovered() > 0) {
            s.append(", ").append(r.recovered()).append(" interrupted compactions completed");
        }
        if (r.uncommitted() > 0) {
            s.append(", ").append(r.uncommitted()).append(" not committed (skipped)");
        }
        return s.toString();
    }

    static BucketSpec bucketSpec(String column, Integer buckets) {
        if (column == null && buckets == null) {
            return null;
        }
        if (column == null || column.isBlank()) {
            throw new UserError("--buckets needs --bucket-by COL: e.g. --bucket-by user_id");
        }
        if (buckets == null) {
            throw new UserError("--bucket-by needs --buckets N: e.g. --buckets 16");
        }
        if (buckets < 1 || buckets > BucketSpec.MAX_BUCKETS) {
            throw new UserError("--buckets " + buckets + " must be 1 to " + BucketSpec.MAX_BUCKETS);
        }
        return new BucketSpec(column.trim(), buckets);
    }

    /** Parses {@code 128MB}, {@code 512KiB}, {@code 1g}, {@code 4096} (bytes); binary units. */
    static long parseSize(String text) {
        return parseSize("--target-size", text);
    }

    /** As {@link #parseSize(String)}, naming {@code option} in its errors. */
    static long parseSize(String option, String text) {
        try {
            return ByteSize.parse(option, text);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    static LocalDate[] range(String from, String to) {
        if ((from == null) != (to == null)) {
            throw new UserError(
                    (from == null ? "--to needs --from" : "--from needs --to")
                            + ": give an inclusive date range, e.g. --from 2026-11-01 --to"
                            + " 2026-11-07");
        }
        LocalDate first = date("--from", from);
        LocalDate last = date("--to", to);
        if (first != null && first.isAfter(last)) {
            throw new UserError("--from " + first + " is after --to " + last + ": swap them");
        }
        return new LocalDate[] {first, last};
    }

    private static LocalDate date(String flag, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UserError(flag + " " + value + " is not a date: use YYYY-MM-DD");
        }
    }

    static LakeReader open(String location) {
        try {
            LakeReader reader = LakeReader.of(location);
            if (!reader.exists()) {
                throw new UserError("--lake " + location + ": no such directory");
            }
            return reader;
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("--lake " + location + ": cannot open it: " + e.getMessage(), e);
        }
    }
}
