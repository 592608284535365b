package io.lakestream.bench.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark contender of the bench's lake backfill: reads a Lakestream lake's {@code events}
 * Parquet files (Hive-partitioned by date and hour), computes {@code user_daily} and {@code dau} for
 * the dates {@code [from, to]} with Spark SQL on {@code local[2]}, and writes them as Snappy Parquet
 * partitioned by {@code date=}, with Lakestream's columns. Prints one line per table, {@code
 * rows <table> <n>}, that the bench checks against the other contenders' outputs.
 *
 * <p>Usage: {@code SparkBackfill EVENTS_DIR OUT_DIR FROM TO}.
 */
public final class SparkBackfill {

    /** Lakestream's HyperLogLog size: 2^14 registers, as its {@code dau} sketches. */
    static final int LG_K = 14;

    private SparkBackfill() {}

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: SparkBackfill EVENTS_DIR OUT_DIR FROM TO");
            System.exit(2);
        }
        String events = args[0];
        String out = args[1];
        String from = args[2];
        String to = args[3];
        SparkSession spark =
                SparkSession.builder()
                        .master("local[2]")
                        .appName("lakestream-bench-backfill")
                        .config("spark.ui.enabled", "false")
                        .config("spark.sql.session.timeZone", "UTC")
                        // Lakestream writes TIMESTAMP(MILLIS, UTC); Spark's default is INT96
                        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MILLIS")
                        .config("spark.sql.parquet.compression.codec", "snappy")
                        // 200 shuffle partitions would mean 200 tiny tasks (and files) on 2 cores
                        .config("spark.sql.shuffle.partitions", "4")
                        .getOrCreate();
        try {
            spark.read().parquet(events).createOrReplaceTempView("events");
            String inRange = " WHERE date BETWEEN DATE'" + from + "' AND DATE'" + to + "'";
            spark.sql(
                            "SELECT user_id,"
                                    + " count_if(event_type = 'impression') AS impressions,"
                                    + " count_if(event_type = 'click') AS clicks,"
                                    + " count_if(event_type = 'purchase') AS purchases,"
                                    // summed as decimals, as Lakestream does: order-independent
                                    + " CAST(coalesce(sum(CASE WHEN event_type = 'purchase'"
                                    + " THEN CAST(price AS DECIMAL(20, 6)) END), 0) AS DOUBLE)"
                                    + " AS revenue,"
                                    + " count(DISTINCT item_id) AS distinct_items,"
                                    + " min(event_time) AS first_event_time,"
                                    + " max(event_time) AS last_event_time,"
                                    + " date"
                                    + " FROM events"
                                    + inRange
                                    + " GROUP BY date, user_id")
                    .write()
                    .mode("overwrite")
                    .partitionBy("date")
                    .parquet(out + "/user_daily");
            spark.sql(
                            "SELECT dau_exact, hll_sketch_estimate(hll_sketch) AS dau_hll,"
                                    + " 1.04 / sqrt(power(2, "
                                    + LG_K
                                    + ")) AS hll_rse, hll_sketch, date FROM ("
                                    + " SELECT date, count(DISTINCT user_id) AS dau_exact,"
                                    + " hll_sketch_agg(user_id, "
                                    + LG_K
                                    + ") AS hll_sketch FROM events"
                                    + inRange
                                    + " GROUP BY date)")
                    .write()
                    .mode("overwrite")
                    .partitionBy("date")
                    .parquet(out + "/dau");
            for (String table : new String[] {"user_daily", "dau"}) {
                long rows = spark.read().parquet(out + "/" + table).count();
                System.out.println("rows " + table + " " + rows);
            }
        } finally {
            spark.stop();
        }
    }
}
