package io.lakestream.bench.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark contender of the bench's Kafka replay: Spark's own Kafka reader over the offsets that
 * Lakestream's {@code --source kafka} backfill of the same dates replays (the bench plans them and
 * passes them on), then what that backfill does with the records — decode and validate them against
 * the data contract, keep the events of the dates, deduplicate them by {@code event_id} — and the
 * same {@code user_daily} and {@code dau} as {@link SparkBackfill} ({@link DailyTables}), in Spark
 * SQL on {@code local[2]}. Without it, the replay workload compares Lakestream's replay with its own
 * lake backfill and Kafka's bare read only, not with the tool users would pick to recompute tables
 * from a topic.
 *
 * <p>Its valid events must be exactly Lakestream's, or its {@code user_daily} differs from the lake
 * backfill's and the workload fails. So it checks what Lakestream's {@code EventDecoder} checks, in
 * SQL: the payload is valid UTF-8 ({@code is_valid_utf8}: the cast to a string would not tell) and
 * one JSON object that {@code from_json} reads with the contract's schema in strict JSON (no single
 * quotes, which it allows by default); a record it cannot read that way (a price that is not a
 * number, an age that is not an integer) lands in its corrupt-record column and is dropped. {@code
 * from_json} reads any JSON value into a string column as its text, so the record must hold {@code
 * event_id}, {@code user_id}, {@code item_id}, {@code event_type}, {@code ts}, and {@code country}
 * and {@code device} when present, as JSON strings (a regular expression on the record: a number
 * {@code event_id} is refused as the decoder refuses it); the required ones are non-empty; {@code
 * ts} is {@code yyyy-MM-ddTHH:mm:ss.SSSZ} and a real time; {@code event_type} is impression, click
 * or purchase; a purchase has a {@code price >= 0}, and no other event has one; {@code age}, when
 * present, is in {@code 0..120}; {@code country}, when present, two capital letters. A JSON {@code
 * null} counts as an absent field, and unknown fields are ignored, as in the decoder. Three of the
 * decoder's rules are approximated, and the bench's generator never comes near them: data after
 * the object is not looked for, a field given twice is read as Spark's parser reads it, and the
 * string check would be fooled by a nested value holding {@code ,"event_id":"} — a variant-typed
 * check ({@code try_parse_json}, {@code schema_of_variant}) is exact but made this contender about
 * ten times slower. Duplicates are byte-identical redeliveries, so which one {@code
 * dropDuplicates} keeps does not matter. The deduplicated events are cached: both tables read
 * them, and without the cache each would read and parse the topic again.
 *
 * <p>Usage: {@code SparkReplay BOOTSTRAP TOPIC STARTING_OFFSETS ENDING_OFFSETS OUT_DIR FROM TO}, the
 * offsets as Spark's Kafka source takes them, e.g. {@code {"events":{"0":120,"1":97}}}, the ending
 * ones exclusive. Prints one line per table, {@code rows <table> <n>}.
 */
public final class SparkReplay {

    /** The contract's string fields: required ones must also be non-empty. */
    private static final String[] STRINGS = {
        "event_id", "user_id", "item_id", "event_type", "ts", "country", "device"
    };

    /** The string fields that may be absent. */
    private static final List<String> OPTIONAL = List.of("country", "device");

    /**
     * The contract's fields as {@code from_json} reads them; a record that does not fit (a price
     * or age that is not a number, an age that is not an integer) lands in {@code _corrupt}.
     */
    private static final String SCHEMA =
            "event_id STRING, user_id STRING, item_id STRING, event_type STRING, ts STRING,"
                    + " country STRING, device STRING, price DOUBLE, age INT, _corrupt STRING";

    private SparkReplay() {}

    public static void main(String[] args) {
        if (args.length != 7) {
            System.err.println(
                    "usage: SparkReplay BOOTSTRAP TOPIC STARTING_OFFSETS ENDING_OFFSETS OUT_DIR"
                            + " FROM TO");
            System.exit(2);
        }
        String out = args[4];
        String from = args[5];
        String to = args[6];
        SparkSession spark = DailyTables.session("lakestream-bench-replay");
        try {
            spark.read()
                    .format("kafka")
                    .option("kafka.bootstrap.servers", args[0])
                    .option("subscribe", args[1])
                    .option("startingOffsets", args[2])
                    .option("endingOffsets", args[3])
                    // as Lakestream's Kafka source reads
                    .option("kafka.isolation.level", "read_committed")
                    .load()
                    .createOrReplaceTempView("records");
            spark.sql(validEvents(from, to))
                    .dropDuplicates("event_id")
                    .cache()
                    .createOrReplaceTempView("events");
            DailyTables.write(spark, out, from, to);
        } finally {
            spark.stop();
        }
    }

    /**
     * The valid events of the view {@code records} (Kafka's records) whose event time falls in the
     * dates {@code [from, to]}, with the columns {@link DailyTables} reads.
     */
    static String validEvents(String from, String to) {
        List<String> strings = new ArrayList<>();
        for (String f : STRINGS) {
            // from_json reads any JSON value into a string column as its text: the raw record
            // must hold the field as a JSON string
            String quoted = "json RLIKE '[{,]\\\\s*\"" + f + "\"\\\\s*:\\\\s*\"'";
            strings.add(
                    OPTIONAL.contains(f)
                            ? "(" + f + " IS NULL OR " + quoted + ")"
                            : quoted + " AND " + f + " <> ''");
        }
        String exclusiveEnd = LocalDate.parse(to).plusDays(1).toString();
        return "SELECT event_id, user_id, item_id, event_type, price, event_time,"
                + " to_date(event_time) AS date FROM ("
                + " SELECT e.*, json,"
                + " try_to_timestamp(e.ts, \"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\") AS event_time"
                + " FROM ("
                + " SELECT json, from_json(json, '"
                + SCHEMA
                + "', map('allowSingleQuotes', 'false', 'mode', 'PERMISSIVE',"
                + " 'columnNameOfCorruptRecord', '_corrupt')) AS e FROM ("
                + " SELECT CAST(value AS STRING) AS json FROM records)"
                + " WHERE is_valid_utf8(json)))"
                + " WHERE _corrupt IS NULL AND "
                + String.join(" AND ", strings)
                + " AND event_type IN ('impression', 'click', 'purchase')"
                + " AND ts RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                + "[.][0-9]{3}Z$'"
                + " AND (country IS NULL OR country RLIKE '^[A-Z]{2}$')"
                + " AND CASE WHEN event_type = 'purchase'"
                // NaN is larger than infinity in Spark: this keeps neither
                + " THEN price >= 0 AND price < CAST('Infinity' AS DOUBLE)"
                + " ELSE price IS NULL END"
                + " AND (age IS NULL OR age BETWEEN 0 AND 120)"
                // the router's range: events of the dates, by event time
                + " AND event_time >= TIMESTAMP'"
                + from
                + " 00:00:00' AND event_time < TIMESTAMP'"
                + exclusiveEnd
                + " 00:00:00'";
    }
}
