package io.lakestream.deploy.cli;

import io.lakestream.connectors.lake.read.LakeComparison;
import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeSelection;
import io.lakestream.connectors.lake.read.LakeVerifier;
import io.lakestream.connectors.lake.read.VerificationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakestream verify}: recomputes rows and checksum of every partition from its Parquet files
 * and checks them against the manifest, or compares two lakes partition by partition. This is how a
 * user proves that a stream and a backfill produced the same data. The work is done by {@link
 * LakeVerifier}; this class parses flags and prints.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks every partition of a lake: it must be committed (_SUCCESS) and its Parquet"
                    + " files must hold the rows and checksum its _MANIFEST.json records.",
            "With --against, compares two lakes instead, on the data recomputed from the files.",
            "Exit code: 0 consistent (or equal), 1 a problem (or a difference), 2 a usage error."
        })
final class VerifyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR", description = "The lake to verify (required).")
    String lake;

    @Option(
            names = "--against",
            paramLabel = "DIR",
            description = {
                "Compare with this lake: a partition present in one lake only, or with other rows"
                        + " or checksum, is a difference (printed as DIFF).",
                "Compares every table of either lake except _late_events, which only streams"
                        + " write (a backfill has no late events); name it with --table to"
                        + " compare it too."
            })
    String against;

    @Option(
            names = "--table",
            paramLabel = "T",
            split = ",",
            description = "Only these tables (comma-separated, or repeat the flag).")
    List<String> tables = new ArrayList<>();

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

    @Override
    public Integer call() {
        if (lake == null) {
            throw new UserError("missing --lake DIR: give the lake directory to verify");
        }
        LakeSelection selection = selection();
        LakeReader left = open(lake, "--lake");
        LakeReader right = against == null ? null : open(against, "--against");
        PrintWriter out = spec.commandLine().getOut();
        try {
            LakeVerifier verifier = new LakeVerifier(left);
            if (right == null) {
                requireTables(Set.copyOf(left.tables()), lake);
                VerificationReport report = verifier.verify(selection);
                VerifyOutput.print(out, report, lake);
                return report.consistent() ? 0 : 1;
            }
            Set<String> known = new TreeSet<>(left.tables());
            known.addAll(right.tables());
            requireTables(known, lake + " or " + against);
            LakeComparison comparison = verifier.compare(right, selection);
            VerifyOutput.print(out, comparison, lake, against);
            return comparison.equal() ? 0 : 1;
        } catch (IOException e) {
            throw new UserError("cannot read the lake: " + e.getMessage(), e);
        } finally {
            out.flush();
        }
    }

    private LakeSelection selection() {
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
        List<String> names = tables.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        return new LakeSelection(names, first, last);
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

    private static LakeReader open(String location, String flag) {
        try {
            LakeReader reader = LakeReader.of(location);
            if (!reader.exists()) {
                throw new UserError(flag + " " + location + ": no such directory");
            }
            return reader;
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(flag + " " + location + ": cannot open it: " + e.getMessage(), e);
        }
    }

    private void requireTables(Set<String> known, String where) {
        for (String t : tables) {
            if (!t.isBlank() && !known.contains(t.trim())) {
                throw new UserError(
                        "no table '"
                                + t.trim()
                                + "' in "
                                + where
                                + (known.isEmpty()
                                        ? " (it has no tables)"
                                        : "; tables: " + String.join(", ", known)));
            }
        }
    }
}
