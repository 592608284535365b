package io.lakestream.pipelines.model;

/** One row of {@code top_items}: an item's rank by clicks in one hour. A Flink POJO. */
public class TopItem {
    /** Start of the hour, epoch ms UTC. */
    public long hourStart;

    public int rank;
    public String itemId;

    /** Clicks estimated by the frequent-items sketch. */
    public long estCount;

    /** Exact clicks when the sketch was exact for the hour; null otherwise. */
    public Long exactCount;

    /** The sketch's maximum error for the hour: every estimate is within this many clicks. */
    public long maxError;

    public TopItem() {}
}
