package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.Country;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The country table of {@code training_examples}: {@code code,region,currency} rows from {@code
 * countries.csv} (pipelines/src/main/resources), read when the job is built. Edit the file and the
 * next run picks it up (a stream restored from a savepoint keeps the table it had, see
 * docs/decisions/0017).
 */
public final class CountryTable {

    /** The resource the table is read from. */
    public static final String RESOURCE = "/countries.csv";

    /** Marks the end of the table in the broadcast stream (no real code is empty). */
    public static final Country END = new Country("", null, null);

    private CountryTable() {}

    /** The rows of the bundled file. */
    public static List<Country> load() {
        try (InputStream in = CountryTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Rows of a CSV text with the header {@code code,region,currency}.
     *
     * @throws IllegalArgumentException naming the line, for a malformed or repeated row
     */
    public static List<Country> parse(String csv, String source) {
        List<Country> rows = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(csv))) {
            String line = r.readLine();
            if (line == null || !line.trim().equals("code,region,currency")) {
                throw new IllegalArgumentException(
                        source + ": the first line must be the header code,region,currency");
            }
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3 || !f[0].trim().matches("[A-Z]{2}")) {
                    throw new IllegalArgumentException(
                            source
                                    + " line "
                                    + n
                                    + ": expected CODE,region,currency with a two-letter code,"
                                    + " was '"
                                    + line
                                    + "'");
                }
                String code = f[0].trim();
                if (!codes.add(code)) {
                    throw new IllegalArgumentException(
                            source + " line " + n + ": country " + code + " appears twice");
                }
                rows.add(new Country(code, blankToNull(f[1]), blankToNull(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String blankToNull(String s) {
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
