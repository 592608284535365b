package io.lakestream.pipelines;

import io.lakestream.pipelines.model.Event;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.MathUtils;

/**
 * The key of a stream's per-user, per-day stages ({@code user_daily}'s day windows, {@code dau}'s
 * first activities): one of {@link #BUCKETS} buckets of users, not the user.
 *
 * <p>Why: a day's end fires a timer for every key of that day, and keyed by user that is one
 * event-time timer per user and day. On RocksDB each fired timer leaves a tombstone that the next
 * refill of the timer cache scans again, and each key's state is a random read: firing n keys costs
 * about n² / cache size, so 16.7M users in a day fired at 4,000 windows/s and stalled the stream
 * for over an hour (docs/decisions/0027-user-buckets.md). Keyed by bucket, a day is {@link
 * #BUCKETS} timers and as many reads of a bucket's state, whatever the number of users; the stage
 * keeps each user apart within its bucket, so its rows are the same.
 */
public final class UserBucket implements KeySelector<Event, Integer> {

    private static final long serialVersionUID = 1L;

    /**
     * Buckets of users: far more than the 128 key groups, so they spread evenly over subtasks, and
     * few enough that all of a day's timers fit in RocksDB's timer cache (4,096 per key group).
     */
    public static final int BUCKETS = 16_384;

    @Override
    public Integer getKey(Event e) {
        return of(e.userId);
    }

    /** The bucket of {@code userId}, in {@code [0, BUCKETS)}. */
    public static int of(String userId) {
        return MathUtils.murmurHash(userId.hashCode()) % BUCKETS;
    }
}
