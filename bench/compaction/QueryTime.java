import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

/**
 * DuckDB's time for {@code SELECT count(*), sum(price)} over a lake's events table: the median of
 * seven runs (after one warm-up), with min and max, and the number of files read. Run it before
 * and after {@code lakestream compact} on the same lake: see bench/README.md.
 */
public class QueryTime {

    public static void main(String[] args) throws Exception {
        String glob = args[0] + "/events/*/*/*.parquet";
        String sql =
                "SELECT count(*), sum(price) FROM read_parquet('"
                        + glob
                        + "', hive_partitioning = true)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads = 2");
            long files;
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM glob('" + glob + "')")) {
                r.next();
                files = r.getLong(1);
            }
            long[] nanos = new long[7];
            String result = null;
            for (int i = -1; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                try (ResultSet r = s.executeQuery(sql)) {
                    r.next();
                    result = r.getLong(1) + " rows, sum(price) " + r.getBigDecimal(2);
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "%,d files: %s; median %.1f ms (min %.1f, max %.1f) over %d runs%n",
                    files,
                    result,
                    nanos[nanos.length / 2] / 1e6,
                    nanos[0] / 1e6,
                    nanos[nanos.length - 1] / 1e6,
                    nanos.length);
        }
    }
}
