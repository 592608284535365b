package io.lakestream.bench.state;

import io.lakestream.bench.BenchData;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.RecordKind;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Properties;

/**
 * The state workload's input: the bench's history with half its events' number of distinct (user,
 * date) pairs — the keys of {@code user_daily}'s day windows, 5M at scale 1 — carried by just
 * enough events (nine keys per ten events, so most users are seen once a day), and no hot user (one
 * key holding a tenth of all events would measure one list, not many keys). Fewer events than the
 * bench's topic keep both backends' runs within the bench's time; the key count is what this
 * workload measures. Published once per broker like the bench's own topic; its expected output is
 * computed from the generator (the oracle), not from the job, and kept beside the topic's marker.
 */
final class StateTopic {

    /** Distinct (user, date) pairs per event. */
    static final double KEYS_PER_EVENT = 0.9;

    private StateTopic() {}

    /** The topic and what a correct run writes from it. */
    record Data(BenchData.Topic topic, GeneratorConfig config, long events, long userDays) {}

    /** The bench's {@code base} data resized for ≈ half its events' number of keys. */
    static GeneratorConfig config(GeneratorConfig base) {
        long keys = base.events() / 2;
        long events = Math.round(keys / KEYS_PER_EVENT);
        return base.toBuilder()
                .events(events)
                .seed(base.seed() + 1)
                .users(usersFor(events, base.days(), keys))
                .hotUserShare(0)
                .build();
    }

    /**
     * Users such that {@code events} spread uniformly over {@code days} days give about {@code
     * keys} distinct (user, date) pairs: a day's n events touch u·(1 − e^(−n/u)) of u users.
     */
    static int usersFor(long events, int days, long keys) {
        double perDay = (double) events / days;
        double lo = 1;
        double hi = Integer.MAX_VALUE - 1;
        for (int i = 0; i < 100; i++) {
            double u = (lo + hi) / 2;
            double pairs = days * u * -Math.expm1(-perDay / u);
            if (pairs < keys) {
                lo = u;
            } else {
                hi = u;
            }
        }
        // the generator draws a non-hot user from users - 1 (u0 is the hot one)
        return (int) Math.min(Integer.MAX_VALUE - 1, Math.round(hi) + 1);
    }

    static Data ensure(String bootstrap, GeneratorConfig config, Path dir) throws Exception {
        BenchData.Topic topic = BenchData.ensure(bootstrap, config, dir, "bench-state");
        Path expected = dir.resolve(topic.name() + ".expected");
        Properties p = new Properties();
        if (topic.published() == null && Files.exists(expected)) {
            try (Reader in = Files.newBufferedReader(expected)) {
                p.load(in);
            }
        } else {
            long[] counts = oracle(config);
            p.setProperty("events", Long.toString(counts[0]));
            p.setProperty("user_days", Long.toString(counts[1]));
            write(p, expected);
        }
        return new Data(
                topic,
                config,
                Long.parseLong(p.getProperty("events")),
                Long.parseLong(p.getProperty("user_days")));
    }

    /**
     * Kept events (first deliveries of valid events) and distinct (user, date) pairs among them.
     */
    static long[] oracle(GeneratorConfig config) {
        BitSet userDays = new BitSet();
        long events = 0;
        long startMillis = config.startMillis();
        EventGenerator generator = new EventGenerator(config);
        while (generator.hasNext()) {
            GeneratedRecord r = generator.next();
            if (r.kind() != RecordKind.VALID) {
                continue; // the bench's data has no late events; duplicates are dropped
            }
            events++;
            int user = Integer.parseInt(r.event().userId().substring(1));
            int day = (int) ((r.event().tsMillis() - startMillis) / 86_400_000L);
            userDays.set(Math.multiplyExact(user, config.days()) + day);
        }
        return new long[] {events, userDays.cardinality()};
    }

    private static void write(Properties p, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "expected output of the state workload's topic");
        }
    }
}
