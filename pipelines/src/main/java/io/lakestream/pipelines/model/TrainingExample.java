package io.lakestream.pipelines.model;

/**
 * One row of {@code training_examples}: an impression, whether the user clicked the item within the
 * label window after it, and what was known about the user and the country at the impression's
 * instant. Filled in stages (label, then profile, then country), each a Flink operator.
 */
public class TrainingExample {
    public String eventId;
    public String userId;
    public String itemId;

    /** The impression's event time, epoch ms UTC: decides the partition. */
    public long eventTime;

    public String country;
    public String device;

    /** 1 if the user clicked the item within the label window after the impression, else 0. */
    public int label;

    /** {@code ts} of the profile version in force at {@link #eventTime}; null if none yet. */
    public Long profileTime;

    public String profileCountry;
    public Integer profileAge;
    public String profileTier;

    /** From the country table, by {@link #country}; null when unknown. */
    public String region;

    public String currency;

    /**
     * The user's activity over the days strictly before the impression's UTC date (see {@code
     * PriorDaysActivity}): days with any event, and {@code user_daily}'s counts summed over them.
     */
    public int priorDaysActive;

    public long priorImpressions;
    public long priorClicks;
    public long priorPurchases;

    /** Exact (decimal) sum of the purchases' prices, rounded once to a double. */
    public double priorRevenue;

    /** {@code priorClicks / priorImpressions}; null when there was no prior impression. */
    public Double priorCtr;

    public TrainingExample() {}

    /** The example of an impression, not yet labelled (label 0, no profile, no region). */
    public static TrainingExample of(Event impression) {
        TrainingExample t = new TrainingExample();
        t.eventId = impression.eventId;
        t.userId = impression.userId;
        t.itemId = impression.itemId;
        t.eventTime = impression.ts;
        t.country = impression.country;
        t.device = impression.device;
        return t;
    }

    /**
     * Not a row: tells the operators keyed by {@code userId} that the user's later examples take
     * the salted path (see {@code HotUserRouter}). Its {@link #eventId} is null, which no row's is.
     */
    public static TrainingExample hotUserMarker(String userId) {
        TrainingExample t = new TrainingExample();
        t.userId = userId;
        return t;
    }

    /** Whether this is a {@link #hotUserMarker}. */
    public boolean isHotUserMarker() {
        return eventId == null;
    }

    /** A copy, for keeping in state (jobs run with object reuse). */
    public TrainingExample copy() {
        TrainingExample t = new TrainingExample();
        t.eventId = eventId;
        t.userId = userId;
        t.itemId = itemId;
        t.eventTime = eventTime;
        t.country = country;
        t.device = device;
        t.label = label;
        t.profileTime = profileTime;
        t.profileCountry = profileCountry;
        t.profileAge = profileAge;
        t.profileTier = profileTier;
        t.region = region;
        t.currency = currency;
        t.priorDaysActive = priorDaysActive;
        t.priorImpressions = priorImpressions;
        t.priorClicks = priorClicks;
        t.priorPurchases = priorPurchases;
        t.priorRevenue = priorRevenue;
        t.priorCtr = priorCtr;
        return t;
    }

    @Override
    public String toString() {
        return "TrainingExample{"
                + eventId
                + ", "
                + userId
                + ", "
                + itemId
                + ", "
                + eventTime
                + ", label="
                + label
                + "}";
    }
}
