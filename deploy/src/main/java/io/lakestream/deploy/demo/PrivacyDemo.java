package io.lakestream.deploy.demo;

import io.lakestream.connectors.lake.read.LakeReader;
import io.lakestream.connectors.lake.read.LakeStats;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.privacy.KeyStore;
import io.lakestream.pipelines.privacy.KeyStores;
import io.lakestream.pipelines.privacy.PseudonymizeEvents;
import io.lakestream.pipelines.privacy.Pseudonymizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo's crypto-shredding step: {@code ingest} and {@code user_daily} of the first day,
 * backfilled with a key store ({@code --key-store}): every {@code user_id} in the lake is its
 * HMAC-SHA256 pseudonym. Then {@code forget-user u0} (the generator's hot user) and the same
 * backfill again: the user's events are dropped and counted, the rebuilt partitions hold the other
 * users' rows only, and no key is created for the user again.
 */
final class PrivacyDemo {

    private static final String USER = "u0";

    private final Path dir;
    private final PrintStream out;
    private final LocalRun local;

    PrivacyDemo(Path dir, PrintStream out, LocalRun local) {
        this.dir = dir;
        this.out = out;
        this.local = local;
    }

    /** Returns whether the forgotten user's rows are gone and no key came back. */
    boolean run(String bootstrap, String topic, LocalDate day) throws Exception {
        Path lake = dir.resolve("lake-private");
        String store = KeyStores.normalize(dir.resolve("keys.db").toString());
        RunSpec spec =
                RunSpec.builder()
                        .mode(RunMode.BACKFILL)
                        .lake(lake.toString())
                        .bootstrap(bootstrap)
                        .topic(topic)
                        .pipelines(List.of("ingest", "user_daily"))
                        .range(day, day)
                        .runId("demo-private")
                        .keyStore(store)
                        .build();
        out.println(
                "==> Crypto-shredding: ingest, user_daily of "
                        + day
                        + " backfilled into "
                        + lake
                        + " with the key store "
                        + dir.resolve("keys.db")
                        + " (user_id -> HMAC-SHA256(user_id, the user's key))");
        local.execute(plan(spec));
        long before = eventRows(lake);
        String pseudonym;
        KeyStore.Forgetting forgetting;
        try (KeyStore keys = KeyStores.open(store)) {
            pseudonym = Pseudonymizer.pseudonym(USER, keys.existingKeyOf(USER).orElseThrow());
            forgetting = keys.forget(USER);
        }
        out.printf(
                "    %,d events; %s is %s in the lake; forget-user %s: %s%n",
                before, USER, pseudonym, USER, forgetting);
        JobRunner.RunResult again = local.execute(plan(spec));
        long after = eventRows(lake);
        long dropped = again.counts().getOrDefault(PseudonymizeEvents.FORGOTTEN, 0L);
        boolean noKey;
        try (KeyStore keys = KeyStores.open(store)) {
            noKey = keys.existingKeyOf(USER).isEmpty() && keys.isForgotten(USER);
        }
        out.printf(
                "    the same backfill again: %,d deliveries of %s dropped; events %,d -> %,d rows;"
                        + " %s%n",
                dropped,
                USER,
                before,
                after,
                noKey ? "no key created for " + USER : "PROBLEM: a key for " + USER + " exists");
        return dropped > 0 && after < before && noKey;
    }

    private static long eventRows(Path lake) throws Exception {
        return new LakeStats(LakeReader.local(lake)).table("events", Integer.MAX_VALUE).rows();
    }

    private static RunSpec plan(RunSpec spec) throws Exception {
        return RunPlanner.plan(spec, Duration.ofSeconds(30));
    }
}
