package io.lakestream.deploy.cli;

import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeStats;
import io.lakestream.connectors.lake.read.TableStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakestream stats}: a small-files report. Per table: partitions, files, file sizes (median,
 * min, max), rows, and the partitions with more than {@code --max-files} files, which {@code
 * lakestream compact} would merge. Reads the listing and the Parquet footers only.
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints per table: partitions, files, median/min/max file size, rows; and flags the"
                    + " partitions with more than --max-files files (candidates for compact).",
            "Exit code: 0 (also when partitions are flagged), 2 a usage error or an unreadable"
                    + " lake."
        })
final class StatsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR", description = "The lake (required).")
    String lake;

    @Option(
            names = "--table",
            paramLabel = "T",
            split = ",",
            description = "Only these tables (comma-separated, or repeat the flag).")
    List<String> tables = new ArrayList<>();

    @Option(
            names = "--max-files",
            paramLabel = "N",
            defaultValue = "16",
            description = "Flag partitions with more than N files (default ${DEFAULT-VALUE}).")
    int maxFiles;

    @Override
    public Integer call() {
        if (lake == null) {
            throw new UserError("missing --lake DIR: give the lake directory to report on");
        }
        if (maxFiles < 1) {
            throw new UserError("--max-files " + maxFiles + " must be at least 1");
        }
        LakeReader reader = CompactCommand.open(lake);
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<String> known = reader.tables();
            List<String> selected = new ArrayList<>();
            for (String t : tables) {
                if (t.isBlank()) {
                    continue;
                }
                if (!known.contains(t.trim())) {
                    throw new UserError(
                            "no table '"
                                    + t.trim()
                                    + "' in "
                                    + lake
                                    + (known.isEmpty()
                                            ? " (it has no tables)"
                                            : "; tables: " + String.join(", ", known)));
                }
                selected.add(t.trim());
            }
            if (selected.isEmpty()) {
                selected = known;
            }
            if (selected.isEmpty()) {
                out.println("no tables in " + lake);
                return 0;
            }
            LakeStats stats = new LakeStats(reader);
            for (String t : selected) {
                print(out, stats.table(t, maxFiles), maxFiles);
            }
            return 0;
        } catch (IOException e) {
            throw new UserError("cannot read the lake " + lake + ": " + e.getMessage(), e);
        } finally {
            out.flush();
        }
    }

    static void print(PrintWriter out, TableStats s, int maxFiles) {
        out.printf(
                Locale.ROOT,
                "%s: %d partitions, %d files, %d rows, %s; file size median %s, min %s, max %s;"
                        + " %s%n",
                s.table(),
                s.partitions(),
                s.files(),
                s.rows(),
                VerifyOutput.size(s.bytes()),
                VerifyOutput.size(s.medianFileBytes()),
                VerifyOutput.size(s.minFileBytes()),
                VerifyOutput.size(s.maxFileBytes()),
                s.crowded().isEmpty()
                        ? "no partition has more than " + maxFiles + " files"
                        : s.crowded().size() + " partitions with more than " + maxFiles + " files");
        for (TableStats.Crowded c : s.crowded()) {
            out.printf(
                    Locale.ROOT,
                    "  MANY FILES %s %s: %d files, %s%n",
                    s.table(),
                    c.partition().path(),
                    c.files(),
                    VerifyOutput.size(c.bytes()));
        }
    }
}
