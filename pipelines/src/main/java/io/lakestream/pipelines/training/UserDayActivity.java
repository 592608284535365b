package io.lakestream.pipelines.training;

import io.lakestream.pipelines.skew.SaltedKey;

/**
 * A count of one user's activity on one UTC day: of one event ({@link DayActivityRouter}), or of
 * all the events of a sub-key ({@link DayActivityPartials}). Partials of the same user and day add
 * up ({@link DayActivity#add(DayActivity)}). A Flink POJO.
 */
public class UserDayActivity {
    public String userId;

    /** Start of the UTC day, epoch ms. */
    public long day;

    /** The sub-key the count was made under (0 unless the user is hot, see {@code SaltedKey}). */
    public int salt;

    public DayActivity activity = new DayActivity();

    public UserDayActivity() {}

    public UserDayActivity(String userId, long day, int salt, DayActivity activity) {
        this.userId = userId;
        this.day = day;
        this.salt = salt;
        this.activity = activity;
    }

    /** The key of the pre-aggregation: the user, salted. */
    public String saltedKey() {
        return SaltedKey.of(userId, salt);
    }
}
