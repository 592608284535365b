package io.lakestream.bench.backfill;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that the backfill contenders computed the same tables, reading their Parquet outputs with
 * DuckDB: {@code user_daily} as a multiset of rows (user, date, counts, revenue to the micro-unit,
 * first and last event time to the millisecond), {@code dau} against the exact distinct users per
 * date of the input events — {@code dau_exact} equal, {@code dau_hll} within {@value #SIGMAS}
 * relative standard errors of the contender's HyperLogLog. Any difference fails the workload.
 */
final class OutputAgreement {

    /** How many relative standard errors an estimate may be off before the check fails. */
    static final int SIGMAS = 4;

    private static final String USER_DAILY_ROW =
            "SELECT user_id, CAST(date AS VARCHAR) AS d, impressions, clicks, purchases,"
                    + " round(revenue, 6), distinct_items, epoch_ms(first_event_time),"
                    + " epoch_ms(last_event_time) FROM ";

    /** Exact distinct users per date and the event count of the dates, from the input events. */
    record Truth(long events, Map<String, Long> dau) {}

    private OutputAgreement() {}

    static Truth truth(Path events, LocalDate from, LocalDate to) throws SQLException {
        Map<String, Long> dau = new TreeMap<>();
        long total = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT CAST(date AS VARCHAR), count(*),"
                                        + " count(DISTINCT user_id) FROM read_parquet('"
                                        + events
                                        + "/*/*/*.parquet', hive_partitioning = true)"
                                        + " WHERE date BETWEEN DATE '"
                                        + from
                                        + "' AND DATE '"
                                        + to
                                        + "' GROUP BY 1")) {
            while (r.next()) {
                total += r.getLong(2);
                dau.put(r.getString(1), r.getLong(3));
            }
        }
        return new Truth(total, dau);
    }

    /**
     * Fails unless {@code other}'s {@code user_daily} rows equal {@code reference}'s (each output a
     * folder holding the table); returns the row count.
     */
    static long sameUserDaily(Path reference, String referenceName, Path other, String otherName)
            throws SQLException {
        String a = USER_DAILY_ROW + table(reference, "user_daily");
        String b = USER_DAILY_ROW + table(other, "user_daily");
        long rows = scalar("SELECT count(*) FROM " + table(reference, "user_daily"));
        long otherRows = scalar("SELECT count(*) FROM " + table(other, "user_daily"));
        long missing = scalar("SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")");
        long extra = scalar("SELECT count(*) FROM (" + b + " EXCEPT ALL " + a + ")");
        if (rows != otherRows || missing != 0 || extra != 0) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "user_daily differs: %s has %,d rows, %s %,d; %,d of %s's rows are not"
                                    + " %s's, %,d of %s's not %s's",
                            referenceName,
                            rows,
                            otherName,
                            otherRows,
                            missing,
                            referenceName,
                            otherName,
                            extra,
                            otherName,
                            referenceName));
        }
        return rows;
    }

    /**
     * Fails unless {@code out}'s {@code dau} has one row per date of {@code truth}, its exact count
     * equal and its estimate within {@link #SIGMAS} × {@code rse}; returns the largest relative
     * error of the estimates.
     */
    static double dauWithinBound(Path out, String name, Truth truth, double rse)
            throws SQLException {
        Map<String, long[]> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT CAST(date AS VARCHAR), dau_exact, dau_hll FROM "
                                        + table(out, "dau"))) {
            while (r.next()) {
                if (rows.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)}) != null) {
                    throw new IllegalStateException(
                            name + "'s dau has two rows for " + r.getString(1));
                }
            }
        }
        if (!rows.keySet().equals(truth.dau().keySet())) {
            throw new IllegalStateException(
                    name
                            + "'s dau has dates "
                            + rows.keySet()
                            + ", the events "
                            + truth.dau().keySet());
        }
        double worst = 0;
        for (Map.Entry<String, Long> e : truth.dau().entrySet()) {
            long exact = e.getValue();
            long[] row = rows.get(e.getKey());
            double error = Math.abs(row[1] - exact) / (double) exact;
            if (row[0] != exact || error > SIGMAS * rse) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "%s's dau of %s: exact %,d and estimate %,d, the events have %,d"
                                        + " distinct users (estimates may be off by %.2f %%)",
                                name,
                                e.getKey(),
                                row[0],
                                row[1],
                                exact,
                                100 * SIGMAS * rse));
            }
            worst = Math.max(worst, error);
        }
        return worst;
    }

    /** A table of an output folder, as DuckDB reads it: its files one level below, by date. */
    private static String table(Path out, String table) {
        return "read_parquet('" + out.resolve(table) + "/*/*.parquet', hive_partitioning = true)";
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
