package io.lakestream.bench.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark contender of the bench's lake backfill: reads a Lakestream lake's {@code events}
 * Parquet files (Hive-partitioned by date and hour), computes {@code user_daily} and {@code dau} for
 * the dates {@code [from, to]} with Spark SQL on {@code local[2]}, and writes them as Snappy Parquet
 * partitioned by {@code date=}, with Lakestream's columns ({@link DailyTables}). Prints one line per
 * table, {@code rows <table> <n>}, that the bench checks against the other contenders' outputs.
 *
 * <p>Usage: {@code SparkBackfill EVENTS_DIR OUT_DIR FROM TO}.
 */
public final class SparkBackfill {

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
        SparkSession spark = DailyTables.session("lakestream-bench-backfill");
        try {
            spark.read().parquet(events).createOrReplaceTempView("events");
            DailyTables.write(spark, out, from, to);
        } finally {
            spark.stop();
        }
    }
}
