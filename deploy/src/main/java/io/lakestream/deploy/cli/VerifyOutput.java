package io.lakestream.deploy.cli;

import io.lakestream.connectors.lake.read.LakeComparison;
import io.lakestream.connectors.lake.read.PartitionDiff;
import io.lakestream.connectors.lake.read.PartitionReport;
import io.lakestream.connectors.lake.read.Problem;
import io.lakestream.connectors.lake.read.TableSummary;
import io.lakestream.connectors.lake.read.VerificationReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders verify results as aligned text for a terminal; one line per partition or difference. */
final class VerifyOutput {

    private static final String[] HEADER = {
        "TABLE", "PARTITION", "ROWS", "FILES", "CHECKSUM", "VERSION", "STATUS"
    };
    private static final boolean[] RIGHT = {false, false, true, true, false, true, false};

    private VerifyOutput() {}

    static void print(PrintWriter out, VerificationReport report, String lake) {
        if (report.partitions().isEmpty()) {
            out.println("no partitions selected in " + lake);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PartitionReport p : report.partitions()) {
            rows.add(
                    new String[] {
                        p.table(),
                        p.partition().path(),
                        Long.toString(p.rows()),
                        Integer.toString(p.fileCount()),
                        p.checksumHex(),
                        p.version().isPresent() ? Integer.toString(p.version().getAsInt()) : "-",
                        p.ok() ? "OK" : "PROBLEM: " + problems(p)
                    });
        }
        printAligned(out, rows);
        out.println();
        for (TableSummary t : report.tables()) {
            out.printf(
                    "%s: %d partitions, %d rows, %d files (%s..%s), %s%n",
                    t.table(),
                    t.partitions(),
                    t.rows(),
                    t.files(),
                    size(t.minFileBytes()),
                    size(t.maxFileBytes()),
                    t.partitionsWithProblems() == 0
                            ? "all OK"
                            : t.partitionsWithProblems() + " with problems");
        }
        int bad = report.problems().size();
        out.println(
                bad == 0
                        ? "all " + report.partitions().size() + " partitions consistent"
                        : bad + " of " + report.partitions().size() + " partitions have problems");
    }

    static void print(PrintWriter out, LakeComparison c, String left, String right) {
        out.println("compared tables: " + String.join(", ", c.tables()));
        for (PartitionDiff d : c.differences()) {
            String name = "DIFF " + d.table() + " " + d.partition().path();
            if (d.onlyLeft()) {
                out.println(name + " only in " + left + " (missing in " + right + ")");
            } else if (d.onlyRight()) {
                out.println(name + " only in " + right + " (missing in " + left + ")");
            } else {
                out.printf(
                        "%s rows %d vs %d checksum %s vs %s%n",
                        name,
                        d.left().rows(),
                        d.right().rows(),
                        d.left().checksumHex(),
                        d.right().checksumHex());
            }
        }
        printProblems(out, left, c.leftProblems());
        printProblems(out, right, c.rightProblems());
        out.printf("%d partitions equal, %d differ%n", c.equalPartitions(), c.differences().size());
        int bad = c.leftProblems().size() + c.rightProblems().size();
        if (bad > 0) {
            out.println(bad + " partitions fail their own manifest check (PROBLEM lines above)");
        }
    }

    private static void printProblems(PrintWriter out, String lake, List<PartitionReport> bad) {
        for (PartitionReport p : bad) {
            out.printf(
                    "PROBLEM %s %s %s: %s%n", lake, p.table(), p.partition().path(), problems(p));
        }
    }

    private static String problems(PartitionReport p) {
        return p.problems().stream().map(Problem::message).collect(Collectors.joining("; "));
    }

    private static void printAligned(PrintWriter out, List<String[]> rows) {
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                String pad = " ".repeat(width[i] - row[i].length());
                line.append(RIGHT[i] ? pad + row[i] : last ? row[i] : row[i] + pad);
                if (!last) {
                    line.append("  ");
                }
            }
            out.println(line);
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
