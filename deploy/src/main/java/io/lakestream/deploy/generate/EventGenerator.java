package io.lakestream.deploy.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A deterministic stream of Kafka records (same config, same bytes) in ingestion-time order, with
 * the ground truth of every record, so that tests have an oracle independent of the pipeline.
 *
 * <p>Event {@code i} of {@code N} gets an event time in the {@code i}-th of {@code N} equal slices
 * of the range, so event times increase with random gaps and stay in range. Its delivery delay is
 * uniform in [0, out-of-order bound], or, for a late event, in [late-min, late-max]. Records are
 * held in a priority queue until no later-generated record can arrive before them, so memory is
 * bounded by the records in flight (about the late delay's worth), not by {@code N}.
 *
 * <p>A late event lies at least late-min before the end of the range, so on-time events newer than
 * it by more than a consumer's {@code max-delay} arrive first: it is late for any watermark delay
 * between the out-of-order bound and late-min minus that bound (given enough events).
 */
public final class EventGenerator implements Iterator<GeneratedRecord> {
    private static final String[] COUNTRIES = {
        "US", "DE", "FR", "GB", "IN", "BR", "JP", "NL", "ES", "IT"
    };
    private static final String[] DEVICES = {"ios", "android", "web", "tv"};
    private static final MalformedKind[] MALFORMED = MalformedKind.values();

    private final GeneratorConfig config;
    private final SplittableRandom rnd;
    private final ZipfSampler zipf;
    private final EventJson json = new EventJson();
    private final long salt;
    private final String eventPrefix;
    private final String malformedPrefix;
    private final long start;
    private final long end;
    private final double span;
    private final long lateEligibleEnd;
    private final double pLate;
    private final double pDuplicate;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private long nextEvent;
    private long seq;
    private long malformedSeq;
    private final long[] counts = new long[RecordKind.values().length];

    public EventGenerator(GeneratorConfig config) {
        this.config = config;
        this.rnd = new SplittableRandom(config.seed());
        this.zipf = new ZipfSampler(config.items(), config.zipf());
        this.salt = mix(config.seed());
        String hex = String.format("%012x", salt >>> 16);
        this.eventPrefix = "e-" + hex + "-";
        this.malformedPrefix = "x-" + hex + "-";
        this.start = config.startMillis();
        this.end = config.endMillis();
        this.span = end - start;
        this.lateEligibleEnd = end - config.lateDelayMin().toMillis();
        this.pLate = config.lateFraction() * span / (lateEligibleEnd - start);
        this.pDuplicate =
                config.duplicateFraction() == 0
                        ? 0
                        : config.duplicateFraction() / (1 - config.lateFraction());
    }

    /** All records of {@code config} in a list: for tests and small data sets. */
    public static List<GeneratedRecord> generateAll(GeneratorConfig config) {
        List<GeneratedRecord> out = new ArrayList<>();
        new EventGenerator(config).forEachRemaining(out::add);
        return out;
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Counts of the records returned so far: the totals once {@link #hasNext()} is false. */
    public GenerationSummary summary() {
        return new GenerationSummary(
                counts[RecordKind.VALID.ordinal()],
                counts[RecordKind.DUPLICATE.ordinal()],
                counts[RecordKind.LATE.ordinal()],
                counts[RecordKind.MALFORMED.ordinal()]);
    }

    @Override
    public boolean hasNext() {
        // every record not generated yet has a timestamp >= frontier(): emit what precedes it
        while (nextEvent < config.events()
                && (queue.isEmpty() || queue.peek().timestamp() > frontier())) {
            generateNext();
        }
        return !queue.isEmpty();
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        GeneratedRecord r = queue.poll().record();
        counts[r.kind().ordinal()]++;
        return r;
    }

    private long frontier() {
        return Math.min(start + (long) (nextEvent * span / config.events()), end - 1);
    }

    private void generateNext() {
        long i = nextEvent++;
        long ts =
                Math.min(start + (long) ((i + rnd.nextDouble()) * span / config.events()), end - 1);
        GeneratedEvent e = config.drift().apply(event(eventPrefix + i, ts));
        String session = rnd.nextInt(50) == 0 ? "s" + Long.toHexString(rnd.nextLong()) : null;
        byte[] key = e.userId().getBytes(StandardCharsets.UTF_8);
        byte[] drifted = config.drift().breaking(e, session, json);
        byte[] value = drifted != null ? drifted : json.value(e, session);
        if (ts < lateEligibleEnd && rnd.nextDouble() < pLate) {
            long delay = config.lateDelayMin().toMillis() + rnd.nextLong(lateSpread() + 1);
            enqueue(record(key, value, ts + delay, RecordKind.LATE, e, drifted != null));
        } else {
            enqueue(record(key, value, ts + delay(), RecordKind.VALID, e, drifted != null));
            if (rnd.nextDouble() < pDuplicate) {
                enqueue(record(key, value, ts + delay(), RecordKind.DUPLICATE, e, drifted != null));
            }
        }
        if (rnd.nextDouble() < config.malformedFraction()) {
            GeneratedEvent phantom = event(malformedPrefix + malformedSeq++, ts);
            MalformedKind kind = MALFORMED[rnd.nextInt(MALFORMED.length)];
            byte[] bad = Malformer.corrupt(kind, phantom, json, rnd);
            byte[] badKey = phantom.userId().getBytes(StandardCharsets.UTF_8);
            enqueue(
                    new GeneratedRecord(
                            badKey, bad, ts + delay(), RecordKind.MALFORMED, kind, null));
        }
    }

    /** A record of {@code e}; one the contract refuses when its schema drifted ({@code broken}). */
    private static GeneratedRecord record(
            byte[] key,
            byte[] value,
            long timestamp,
            RecordKind kind,
            GeneratedEvent e,
            boolean broken) {
        return broken
                ? new GeneratedRecord(
                        key, value, timestamp, RecordKind.MALFORMED, MalformedKind.BAD_TYPE, null)
                : new GeneratedRecord(key, value, timestamp, kind, null, e);
    }

    private GeneratedEvent event(String eventId, long ts) {
        int users = config.users();
        int user =
                users == 1 || rnd.nextDouble() < config.hotUserShare()
                        ? 0
                        : 1 + rnd.nextInt(users - 1);
        int item = zipf.sample(rnd.nextDouble());
        int t = rnd.nextInt(100);
        String type =
                t < 80
                        ? GeneratedEvent.IMPRESSION
                        : t < 97 ? GeneratedEvent.CLICK : GeneratedEvent.PURCHASE;
        int d = rnd.nextInt(DEVICES.length * 5);
        String device = d < 2 ? null : DEVICES[d % DEVICES.length];
        // country and age are properties of the user, price a property of the item
        long u = mix(salt + 0x9E3779B97F4A7C15L * (user + 1));
        int countryRoll = (int) ((u & 0xFFFF) % 100);
        String country = countryRoll < 5 ? null : COUNTRIES[countryRoll % COUNTRIES.length];
        int ageRoll = (int) (((u >>> 16) & 0xFFFF) % 100);
        Integer age =
                ageRoll < 20
                        ? null
                        : ageRoll == 20 ? 0 : ageRoll == 21 ? 120 : 13 + (int) ((u >>> 32) % 68);
        Double price = null;
        if (type.equals(GeneratedEvent.PURCHASE)) {
            long p = mix(~salt + 0xC2B2AE3D27D4EB4FL * (item + 1));
            price = (p & 63) == 0 ? 0.0 : (99 + (p >>> 8) % 19_901) / 100.0;
        }
        return new GeneratedEvent(
                eventId, "u" + user, "i" + item, type, ts, country, device, price, age);
    }

    private long delay() {
        return rnd.nextLong(config.outOfOrderBound().toMillis() + 1);
    }

    private long lateSpread() {
        return config.lateDelayMax().toMillis() - config.lateDelayMin().toMillis();
    }

    private void enqueue(GeneratedRecord r) {
        queue.add(new Pending(r, r.timestampMillis(), seq++));
    }

    /** SplitMix64's finalizer: a well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A record waiting for its turn; ordered by timestamp, then by generation order. */
    private record Pending(GeneratedRecord record, long timestamp, long seq)
            implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            return timestamp != o.timestamp
                    ? Long.compare(timestamp, o.timestamp)
                    : Long.compare(seq, o.seq);
        }
    }
}
