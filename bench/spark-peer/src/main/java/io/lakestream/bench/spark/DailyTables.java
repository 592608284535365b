package io.lakestream.bench.spark;

import org.apache.spark.sql.SparkSession;

/**
 * What the Spark contenders share: the session they run on and the SQL of {@code user_daily} and
 * {@code dau}. Each contender registers its events as the view {@code events} (columns {@code
 * user_id}, {@code item_id}, {@code event_type}, {@code price}, {@code event_time}, {@code date}),
 * then {@link #write} computes both tables for the dates {@code [from, to]} and writes them as
 * Snappy Parquet partitioned by {@code date=}, with Lakestream's columns.
 */
final class DailyTables {

    /** Lakestream's HyperLogLog size: 2^14 registers, as its {@code dau} sketches. */
    static final int LG_K = 14;

    private DailyTables() {}

    /** A session on {@code local[2]}, configured to write what Lakestream writes. */
    static SparkSession session(String appName) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                // Lakestream writes TIMESTAMP(MILLIS, UTC); Spark's default is INT96
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MILLIS")
                .config("spark.sql.parquet.compression.codec", "snappy")
                // 200 shuffle partitions would mean 200 tiny tasks (and files) on 2 cores
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /**
     * Writes {@code user_daily} and {@code dau} of the view {@code events} for the dates {@code
     * [from, to]} into {@code out}, then prints one line per table, {@code rows <table> <n>}, that
     * the bench checks against the other contenders' outputs.
     */
    static void write(SparkSession spark, String out, String from, String to) {
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
    }
}
