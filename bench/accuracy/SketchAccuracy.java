import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Accuracy of the sketch tables of a lake, against exact answers computed by DuckDB from the
 * same lake's events table (no Lakestream code): dau_hll vs dau_exact and vs a DuckDB count
 * distinct, sketch bytes per day, and top_items recall of the true top 100 per hour, with heavy
 * hitters (true clicks > max_error) missing.
 *
 * <p>Run: {@code bench/accuracy/run.sh LAKE} (see bench/README.md).
 */
public class SketchAccuracy {

    public static void main(String[] args) throws Exception {
        String lake = args[0];
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE VIEW events AS SELECT * FROM read_parquet('"
                            + lake
                            + "/events/*/*/*.parquet', hive_partitioning = true)");
            s.execute(
                    "CREATE VIEW dau AS SELECT * FROM read_parquet('"
                            + lake
                            + "/dau/*/*.parquet', hive_partitioning = true)");
            s.execute(
                    "CREATE VIEW top_items AS SELECT * FROM read_parquet('"
                            + lake
                            + "/top_items/*/*/*.parquet', hive_partitioning = true)");
            System.out.println("| date | events | users (DuckDB) | dau_exact | dau_hll | error | sketch bytes |");
            System.out.println("|---|---|---|---|---|---|---|");
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT d.date, e.n, e.users, d.dau_exact, d.dau_hll,"
                                    + " 100.0 * (d.dau_hll - d.dau_exact) / d.dau_exact,"
                                    + " octet_length(d.hll_sketch)"
                                    + " FROM dau d JOIN (SELECT date, count(*) n,"
                                    + " count(DISTINCT user_id) users FROM events GROUP BY date) e"
                                    + " USING (date) ORDER BY d.date")) {
                while (r.next()) {
                    System.out.printf(
                            "| %s | %,d | %,d | %,d | %,d | %+.3f %% | %,d |%n",
                            r.getString(1),
                            r.getLong(2),
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getDouble(6),
                            r.getLong(7));
                }
            }
            s.execute(
                    "CREATE TABLE truth AS SELECT *, row_number() OVER (PARTITION BY date, hour"
                            + " ORDER BY clicks DESC, item_id) AS rnk FROM (SELECT date, hour,"
                            + " item_id, count(*) AS clicks FROM events"
                            + " WHERE event_type = 'click' GROUP BY date, hour, item_id)");
            s.execute(
                    "CREATE TABLE per_hour AS SELECT t.date, t.hour,"
                            + " count(*) FILTER (WHERE k.item_id IS NOT NULL) / 100.0 AS recall,"
                            + " max(m.max_error) AS max_error"
                            + " FROM truth t LEFT JOIN top_items k USING (date, hour, item_id)"
                            + " JOIN (SELECT date, hour, max(max_error) max_error FROM top_items"
                            + " GROUP BY ALL) m USING (date, hour)"
                            + " WHERE t.rnk <= 100 GROUP BY t.date, t.hour");
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT count(*), min(recall), avg(recall), max(max_error),"
                                    + " count(*) FILTER (WHERE max_error > 0),"
                                    + " (SELECT count(DISTINCT item_id) FROM events"
                                    + "  WHERE event_type = 'click'),"
                                    + " (SELECT max(n) FROM (SELECT count(DISTINCT item_id) n"
                                    + "  FROM events WHERE event_type = 'click' GROUP BY date, hour))"
                                    + " FROM per_hour")) {
                r.next();
                System.out.printf(
                        "%ntop_items: %d hours; recall of the true top 100: min %.3f, mean %.4f;"
                                + " max_error up to %d (%d hours purged); %,d distinct clicked"
                                + " items, up to %,d in one hour%n",
                        r.getLong(1),
                        r.getDouble(2),
                        r.getDouble(3),
                        r.getLong(4),
                        r.getLong(5),
                        r.getLong(6),
                        r.getLong(7));
            }
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT count(*) FROM truth t JOIN (SELECT date, hour,"
                                    + " max(max_error) max_error FROM top_items GROUP BY ALL) m"
                                    + " USING (date, hour) LEFT JOIN top_items k"
                                    + " USING (date, hour, item_id)"
                                    + " WHERE t.rnk <= 100 AND t.clicks > m.max_error"
                                    + " AND k.item_id IS NULL")) {
                r.next();
                System.out.printf(
                        "heavy hitters of the top 100 (true clicks > max_error) missing: %d%n",
                        r.getLong(1));
            }
        }
    }
}
