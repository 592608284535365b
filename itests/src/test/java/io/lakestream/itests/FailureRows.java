package io.lakestream.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows a fault test counts for its reliability row: every {@code events} and {@code
 * _quarantine} row, tagged with its table and partition, so that a row in the wrong partition
 * counts as lost once and duplicated once.
 */
final class FailureRows {

    private FailureRows() {}

    static List<String> of(Map<String, List<String>> events, Map<String, List<String>> quarantine) {
        List<String> all = new ArrayList<>();
        events.forEach((p, rows) -> rows.forEach(r -> all.add("events " + p + " " + r)));
        quarantine.forEach((p, rows) -> rows.forEach(r -> all.add("_quarantine " + p + " " + r)));
        return all;
    }
}
