package io.lakestream.pipelines.privacy;

import io.lakestream.pipelines.ingest.RunCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Replaces the user id of each record by its pseudonym as early as possible — right after decoding,
 * before dedup, state, the lake or {@code _late_events} see it — and drops, counting them, the
 * records of users forgotten with {@code lakestream forget-user}.
 *
 * <p>Each task opens its own connection to the key store and keeps a {@link Pseudonymizer} cache,
 * so the store is asked once per user and task (and again after the cache's time-to-live), not per
 * record, as long as the cache holds the users a task sees within the time-to-live (with a topic
 * keyed by {@code user_id}, as the data contract has it, each task sees its partitions' users
 * only). The function holds no Flink state: what it writes downstream is already pseudonymous.
 *
 * @param <T> the record type: events, profile versions or quarantined records
 */
public abstract class UserPseudonymization<T> extends ProcessFunction<T, T> {

    private static final long serialVersionUID = 1L;

    private final String keyStore;
    private final String droppedCounter;
    private final int cacheUsers;
    private transient Pseudonymizer pseudonymizer;
    private transient RunCounter dropped;

    /**
     * @param keyStore a location as {@link KeyStores#normalize} returns it
     * @param cacheUsers the users whose pseudonyms the task keeps (setting {@code
     *     privacy.pseudonym-cache-users})
     * @param droppedCounter the name of the run counter of the records of forgotten users
     */
    protected UserPseudonymization(String keyStore, int cacheUsers, String droppedCounter) {
        this.keyStore = keyStore;
        this.cacheUsers = cacheUsers;
        this.droppedCounter = droppedCounter;
    }

    /** The users whose pseudonyms each task keeps: what the job was given, for its checks. */
    public int cacheUsers() {
        return cacheUsers;
    }

    @Override
    public void open(OpenContext ctx) {
        pseudonymizer =
                new Pseudonymizer(
                        KeyStores.open(keyStore), cacheUsers, Pseudonymizer.DEFAULT_TTL_MILLIS);
        dropped = RunCounter.register(getRuntimeContext(), droppedCounter);
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) {
        if (pseudonymize(record, pseudonymizer)) {
            out.collect(record);
        } else {
            dropped.inc();
        }
    }

    /**
     * Replaces the record's user id in place; false when the record must be dropped (its user is
     * forgotten). A record without a user id is passed on unchanged.
     */
    protected abstract boolean pseudonymize(T record, Pseudonymizer p);

    @Override
    public void close() throws Exception {
        if (pseudonymizer != null) {
            pseudonymizer.close();
        }
        super.close();
    }
}
