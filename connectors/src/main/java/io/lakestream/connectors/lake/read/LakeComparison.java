package io.lakestream.connectors.lake.read;

import java.util.List;

/**
 * The result of comparing two lakes partition by partition on the data the files hold (rows and
 * order-independent checksum): this is how a stream run and a backfill are shown to produce the
 * same partitions. Manifest problems found on either side are reported separately, since the data
 * can be equal while a manifest is wrong.
 *
 * @param left the lake given first ({@code --lake})
 * @param right the lake compared against ({@code --against})
 * @param tables the tables compared
 * @param equalPartitions how many partitions hold the same data on both sides
 * @param differences every partition that differs, in table then partition order
 * @param leftProblems partitions of the left lake that fail their own audit
 * @param rightProblems partitions of the right lake that fail their own audit
 */
public record LakeComparison(
        String left,
        String right,
        List<String> tables,
        int equalPartitions,
        List<PartitionDiff> differences,
        List<PartitionReport> leftProblems,
        List<PartitionReport> rightProblems) {

    public LakeComparison {
        tables = List.copyOf(tables);
        differences = List.copyOf(differences);
        leftProblems = List.copyOf(leftProblems);
        rightProblems = List.copyOf(rightProblems);
    }

    /** True if every compared partition holds the same data in both lakes. */
    public boolean equal() {
        return differences.isEmpty();
    }
}
