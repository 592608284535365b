package io.lakestream.pipelines.model;

/** One row of {@code user_daily}: a user's activity on one (UTC) date. */
public class UserDaily {
    /** Start of the date, epoch ms UTC. */
    public long dateStart;

    public String userId;
    public long impressions;
    public long clicks;
    public long purchases;
    public double revenue;
    public long distinctItems;
    public long firstEventTime;
    public long lastEventTime;

    public UserDaily() {}
}
