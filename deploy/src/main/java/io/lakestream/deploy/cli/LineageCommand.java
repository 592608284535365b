package io.lakestream.deploy.cli;

import io.lakestream.deploy.lineage.LineageGraph;
import io.lakestream.deploy.lineage.LineageHtml;
import io.lakestream.deploy.lineage.LineageLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lakestream lineage}: draws the lake's lineage — the OpenLineage events every run appends
 * to {@code <lake>/_lineage/} — as a self-contained HTML page of topics → jobs → tables.
 */
@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes an HTML page (one file, no network needed to view it) drawing the graph of"
                    + " topics, jobs and tables from the OpenLineage events in"
                    + " <lake>/_lineage/*.jsonl: each job with its latest run, rows written per"
                    + " table and Kafka offsets read by that run.",
            "Exit code: 0, 2 a usage error (no lake, no lineage yet, unwritable output)."
        })
final class LineageCommand implements Callable<Integer> {

    @Option(names = "--lake", paramLabel = "DIR", required = true, description = "The lake.")
    Path lake;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            required = true,
            description = "The HTML page to write (replaced if it exists).")
    Path html;

    @Override
    public Integer call() {
        if (!Files.isDirectory(lake)) {
            throw new UserError("the lake " + lake + " does not exist or is not a folder");
        }
        Path dir = LineageLog.dir(lake);
        LineageLog log;
        try {
            log = Files.isDirectory(dir) ? LineageLog.read(lake) : null;
        } catch (IOException e) {
            throw new UserError("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (log == null || log.events().isEmpty()) {
            throw new UserError(
                    "no lineage in "
                            + dir
                            + " yet: runs write it there (lakestream run ... --lake "
                            + lake
                            + ")");
        }
        LineageGraph graph = LineageGraph.of(log.events());
        String page = LineageHtml.render(graph, "Lakestream lineage of " + lake.toAbsolutePath());
        try {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(html, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + html + ": " + e.getMessage(), e);
        }
        long jobs = graph.nodes().stream().filter(n -> n.kind() == LineageGraph.Kind.JOB).count();
        System.out.printf(
                "Wrote %s: %d jobs, %d datasets, %d edges from %d events%s%n",
                html,
                jobs,
                graph.nodes().size() - jobs,
                graph.edges().size(),
                log.events().size(),
                log.unreadableLines() == 0
                        ? ""
                        : " (" + log.unreadableLines() + " unreadable lines skipped)");
        return 0;
    }
}
