package io.lakestream.pipelines.model;

/**
 * One row of {@code dau} (country null) or {@code dau_country}: distinct active users of one date,
 * exact and estimated by HyperLogLog. A Flink POJO.
 */
public class DailyActiveUsers {
    /** Start of the date, epoch ms UTC. */
    public long dateStart;

    /** Country of {@code dau_country}; null for the date's total. */
    public String country;

    public long exact;
    public long hllEstimate;

    /** The sketch's relative standard error (a property of its size). */
    public double hllRse;

    /** The canonical serialized HyperLogLog sketch (mergeable across dates). */
    public byte[] hllSketch;

    public DailyActiveUsers() {}
}
