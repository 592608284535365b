package io.lakestream.pipelines.model;

/**
 * A user's first activity of a day in a country: emitted once per (user, date, country) by the
 * {@code dau} pipeline's keyed distinct step. A Flink POJO.
 */
public class UserActivity {
    /** Start of the date, epoch ms UTC. */
    public long dateStart;

    /** Event time of the first event, epoch ms UTC. */
    public long ts;

    public String userId;

    /** The event's country; null when the event had none. */
    public String country;

    /** True for the user's first event of the date (in any country): counts once for the date. */
    public boolean firstOfDay;

    public UserActivity() {}
}
