package io.lakestream.bench.backfill;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The DuckDB contender: {@code user_daily} and {@code dau} of the dates from the lake's {@code
 * events} Parquet files, in process over JDBC, two threads, each table one {@code COPY ... TO
 * (FORMAT PARQUET, PARTITION_BY (date), COMPRESSION SNAPPY)} with Lakestream's columns. DuckDB has
 * no DataSketches HLL, so its {@code dau_hll} is its own {@code approx_count_distinct} and its
 * {@code hll_sketch} is null; its Parquet writer stores timestamps in microseconds, where
 * Lakestream and Spark store milliseconds (the values are equal).
 */
final class DuckDbBackfill {

    /**
     * The relative standard error of DuckDB's {@code approx_count_distinct}: a HyperLogLog of 64
     * registers, 1.04 / √64.
     */
    static final double RSE = 1.04 / Math.sqrt(64);

    private final Path events;
    private final LocalDate from;
    private final LocalDate to;

    DuckDbBackfill(Path events, LocalDate from, LocalDate to) {
        this.events = events;
        this.from = from;
        this.to = to;
    }

    void run(Path out) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads = 2");
            s.execute(
                    "CREATE VIEW events AS SELECT * FROM read_parquet('"
                            + events
                            + "/*/*/*.parquet', hive_partitioning = true) WHERE date BETWEEN DATE '"
                            + from
                            + "' AND DATE '"
                            + to
                            + "'");
            s.execute(
                    "COPY (SELECT user_id,"
                            + " CAST(count_if(event_type = 'impression') AS BIGINT) AS impressions,"
                            + " CAST(count_if(event_type = 'click') AS BIGINT) AS clicks,"
                            + " CAST(count_if(event_type = 'purchase') AS BIGINT) AS purchases,"
                            // summed as decimals, as Lakestream does: order-independent
                            + " CAST(coalesce(sum(CASE WHEN event_type = 'purchase'"
                            + " THEN CAST(price AS DECIMAL(20, 6)) END), 0) AS DOUBLE) AS revenue,"
                            + " count(DISTINCT item_id) AS distinct_items,"
                            + " min(event_time) AS first_event_time,"
                            + " max(event_time) AS last_event_time, date"
                            + " FROM events GROUP BY date, user_id) TO '"
                            + out.resolve("user_daily")
                            + "' (FORMAT PARQUET, PARTITION_BY (date), COMPRESSION SNAPPY)");
            s.execute(
                    "COPY (SELECT count(DISTINCT user_id) AS dau_exact,"
                            + " approx_count_distinct(user_id) AS dau_hll, CAST("
                            + RSE
                            + " AS DOUBLE) AS hll_rse, CAST(NULL AS BLOB) AS hll_sketch, date"
                            + " FROM events GROUP BY date) TO '"
                            + out.resolve("dau")
                            + "' (FORMAT PARQUET, PARTITION_BY (date), COMPRESSION SNAPPY)");
        }
    }
}
