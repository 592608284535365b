package io.lakestream.connectors.lake.read;

import java.time.LocalDate;
import java.util.List;

/**
 * Which part of a lake to verify: some tables (empty = every table) and an optional inclusive date
 * range. Partition pruning on the date keeps a verify of one day cheap on a lake of years.
 */
public record LakeSelection(List<String> tables, LocalDate from, LocalDate to) {

    public LakeSelection {
        tables = tables == null ? List.of() : List.copyOf(tables);
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("give both ends of the date range, or neither");
        }
        if (from != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** Every table, every date. */
    public static LakeSelection all() {
        return new LakeSelection(List.of(), null, null);
    }

    public LakeSelection tables(String... names) {
        return new LakeSelection(List.of(names), from, to);
    }

    public LakeSelection between(LocalDate first, LocalDate last) {
        return new LakeSelection(tables, first, last);
    }

    public boolean allTables() {
        return tables.isEmpty();
    }
}
