package io.lakestream.connectors.lake.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of verifying one lake: a {@link PartitionReport} per selected partition, in table then
 * partition order. The lake is consistent when every partition is committed and matches its
 * manifest.
 */
public record VerificationReport(String lake, List<PartitionReport> partitions) {

    public VerificationReport {
        partitions = List.copyOf(partitions);
    }

    public boolean consistent() {
        return partitions.stream().allMatch(PartitionReport::ok);
    }

    public List<PartitionReport> problems() {
        return partitions.stream().filter(p -> !p.ok()).toList();
    }

    /** One summary per table that has selected partitions, in table order. */
    public List<TableSummary> tables() {
        Map<String, List<PartitionReport>> byTable = new LinkedHashMap<>();
        for (PartitionReport p : partitions) {
            byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p);
        }
        List<TableSummary> summaries = new ArrayList<>();
        byTable.forEach((table, reports) -> summaries.add(TableSummary.of(table, reports)));
        return summaries;
    }
}
