package io.lakestream.bench;

/**
 * A workload's part of docs/benchmarks.md: Markdown that starts with its own {@code ##} heading
 * (charts are linked from it, written by {@link Charts}), and the one-line summaries of its ratios
 * for the report's summary table.
 */
public record ReportSection(String markdown, java.util.List<String> summary) {}
