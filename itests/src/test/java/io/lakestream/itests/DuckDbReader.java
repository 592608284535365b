package io.lakestream.itests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the lake with DuckDB and Hive partitioning — no Lakestream code — as any user would, to
 * prove that the lake is plain, readable Parquet.
 */
final class DuckDbReader {

    private DuckDbReader() {}

    /** Rows per partition of an hourly table: {@code date=YYYY-MM-DD/hour=HH -> count}. */
    static Map<String, Long> hourlyCounts(Path lake, String table) throws SQLException {
        return counts(
                "SELECT strftime(date, '%Y-%m-%d') AS d, lpad(hour::VARCHAR, 2, '0') AS h,"
                        + " count(*) FROM read_parquet('"
                        + lake.resolve(table)
                        + "/*/*/*.parquet', hive_partitioning = true) GROUP BY ALL",
                true);
    }

    /** Rows per partition of a daily table: {@code date=YYYY-MM-DD -> count}. */
    static Map<String, Long> dailyCounts(Path lake, String table) throws SQLException {
        return counts(
                "SELECT strftime(date, '%Y-%m-%d') AS d, count(*) FROM read_parquet('"
                        + lake.resolve(table)
                        + "/*/*.parquet', hive_partitioning = true) GROUP BY ALL",
                false);
    }

    /** The type DuckDB infers for a column of a table. */
    static String columnType(Path lake, String glob, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT typeof("
                                        + column
                                        + ") FROM read_parquet('"
                                        + lake.resolve(glob)
                                        + "', hive_partitioning = true) LIMIT 1")) {
            r.next();
            return r.getString(1);
        }
    }

    private static Map<String, Long> counts(String sql, boolean hourly) throws SQLException {
        Map<String, Long> m = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                String key = "date=" + r.getString(1) + (hourly ? "/hour=" + r.getString(2) : "");
                m.put(key, r.getLong(hourly ? 3 : 2));
            }
        }
        return m;
    }
}
