package io.lakestream.connectors.lake.quality;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The expectations of a run: one {@link TableExpectations} per table that has a file {@code
 * <table>.yaml} in the expectations folder. Read once, when the run is built, so a mistake in a
 * file stops the run before it starts; the rules then travel with each lake sink to whoever
 * publishes its partitions.
 *
 * <pre>{@code
 * Expectations expectations = Expectations.load(Path.of("expectations"));
 * LakeSink.forTable(table).expectations(expectations.forTable(table.name()))...
 * }</pre>
 */
public final class Expectations implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Expectations NONE = new Expectations(Map.of());

    private final TreeMap<String, TableExpectations> byTable;

    private Expectations(Map<String, TableExpectations> byTable) {
        this.byTable = new TreeMap<>(byTable);
    }

    /** No rules for any table: every partition is published as written. */
    public static Expectations none() {
        return NONE;
    }

    public static Expectations of(List<TableExpectations> tables) {
        Map<String, TableExpectations> m = new TreeMap<>();
        for (TableExpectations t : tables) {
            if (m.put(t.table(), t) != null) {
                throw new ExpectationsException("two expectations for table " + t.table());
            }
        }
        return new Expectations(m);
    }

    /**
     * Reads every {@code <table>.yaml} (or {@code .yml}) of {@code dir}; other files are ignored.
     *
     * @throws ExpectationsException one line, for a missing folder or a bad file
     */
    public static Expectations load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ExpectationsException(
                    "expectations folder " + dir + " does not exist (or is not a folder)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files =
                    list.filter(Files::isRegularFile)
                            .filter(f -> tableOf(f) != null)
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new ExpectationsException(
                    "expectations folder " + dir + " cannot be read: " + e.getMessage());
        }
        Map<String, TableExpectations> m = new TreeMap<>();
        for (Path f : files) {
            String table = tableOf(f);
            TableExpectations t = ExpectationsFile.read(f, table);
            TableExpectations before = m.put(table, t);
            if (before != null) {
                throw new ExpectationsException(
                        f + ": table " + table + " already has " + before.source() + "; keep one");
            }
        }
        return new Expectations(m);
    }

    private static String tableOf(Path file) {
        String name = file.getFileName().toString();
        for (String ext : List.of(".yaml", ".yml")) {
            if (name.endsWith(ext) && name.length() > ext.length() && !name.startsWith(".")) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return null;
    }

    /** The rules of {@code table}, or null when it has none. */
    public TableExpectations forTable(String table) {
        return byTable.get(table);
    }

    /**
     * The record-level rules, which only the file of {@code table} (the table the incoming records
     * become, {@code events}) may hold, checked against its {@code schema}.
     *
     * @throws ExpectationsException one line, if another file has record rules or a rule names a
     *     column the table lacks
     */
    public RecordRules recordRules(String table, org.apache.avro.Schema schema) {
        for (TableExpectations t : byTable.values()) {
            if (!t.table().equals(table) && !t.recordRules().isEmpty()) {
                throw new ExpectationsException(
                        t.source()
                                + ": record-rules check the incoming records, which become the "
                                + table
                                + " table: move them to "
                                + table
                                + ".yaml");
            }
        }
        TableExpectations t = byTable.get(table);
        if (t == null) {
            return RecordRules.none();
        }
        t.recordRules().requireColumnsOf(schema, table);
        return t.recordRules();
    }

    /** The tables that have rules. */
    public Set<String> tables() {
        return byTable.keySet();
    }

    public boolean isEmpty() {
        return byTable.isEmpty();
    }
}
