package io.lakestream.deploy.demo;

import io.lakestream.connectors.lake.quality.Expectations;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import io.lakestream.connectors.lake.quality.QualityGate;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.SchemaDrift;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The demo's data-quality step: the last day again, from a producer that starts pricing purchases
 * in cents at noon ({@code generate --drift prices-in-cents}), backfilled with {@code mean(price)}
 * expectations, once as {@code quarantine-partition} (the afternoon's hours are held back, the
 * morning's published) and once as {@code fail-job} (the circuit breaker: nothing is swapped in).
 */
final class QualityDemo {

    private static final String TOPIC = "events-drifted";

    private final Path dir;
    private final PrintStream out;
    private final LocalRun local;

    QualityDemo(Path dir, PrintStream out, LocalRun local) {
        this.dir = dir;
        this.out = out;
        this.local = local;
    }

    /** Returns whether both policies did what they promise. */
    boolean run(String bootstrap, GeneratorConfig demo) throws Exception {
        LocalDate day = demo.start().plusDays(demo.days() - 1L);
        GeneratorConfig drifted =
                demo.toBuilder()
                        .start(day)
                        .days(1)
                        .events(Math.max(1, demo.events() / demo.days()))
                        .lateFraction(0)
                        .drift(
                                SchemaDrift.of(
                                        SchemaDrift.Kind.PRICES_IN_CENTS,
                                        day.atTime(12, 0).toInstant(ZoneOffset.UTC)))
                        .build();
        new KafkaEventPublisher(bootstrap, TOPIC).publish(drifted);
        out.println(
                "==> Data quality: "
                        + day
                        + " again into '"
                        + TOPIC
                        + "', from a producer that prices purchases in cents from 12:00 (generate"
                        + " --drift prices-in-cents); backfills with expectations mean(price) <="
                        + " 1000");

        Path lake = dir.resolve("lake-quality");
        JobRunner.RunResult quarantining =
                local.execute(plan(spec(bootstrap, day, lake, "quarantine-partition")));
        long quarantined = quarantining.counts().get(QualityGate.QUARANTINED_PARTITIONS);
        out.printf(
                "    quarantine-partition: %,d hours published, %,d held back with _QUARANTINED and"
                        + " _QUALITY.json (e.g. %s)%n",
                quarantining.finalisedPartitions().getOrDefault("events", 0),
                quarantined,
                lake.resolve("events/date=" + day + "/hour=12/_QUALITY.json"));

        Path breakerLake = dir.resolve("lake-quality-breaker");
        String breach = "no breach";
        try {
            local.execute(plan(spec(bootstrap, day, breakerLake, "fail-job")));
        } catch (Exception e) {
            QualityBreachException b = QualityBreachException.find(e);
            if (b == null) {
                throw e;
            }
            breach = b.getMessage();
        }
        boolean nothingSwappedIn = !Files.exists(breakerLake.resolve("events"));
        out.println("    fail-job: " + breach);
        out.println(
                "    "
                        + (nothingSwappedIn
                                ? "nothing of the backfill was swapped in"
                                : "PROBLEM: the backfill swapped partitions in"));
        return quarantined >= 1 && !breach.equals("no breach") && nothingSwappedIn;
    }

    private RunSpec spec(String bootstrap, LocalDate day, Path lake, String policy)
            throws IOException {
        Path rules = Files.createDirectories(dir.resolve("expectations-" + policy));
        Files.writeString(
                rules.resolve("events.yaml"),
                "partition-rules:\n"
                        + "  - rule: mean\n"
                        + "    column: price\n"
                        + "    max: 1000\n"
                        + "    policy: "
                        + policy
                        + "\n");
        return RunSpec.builder()
                .mode(RunMode.BACKFILL)
                .lake(lake.toString())
                .bootstrap(bootstrap)
                .topic(TOPIC)
                .pipelines(List.of("ingest"))
                .range(day, day)
                .runId("demo-quality-" + policy)
                .expectations(Expectations.load(rules))
                .build();
    }

    private static RunSpec plan(RunSpec spec) throws Exception {
        return RunPlanner.plan(spec, Duration.ofSeconds(30));
    }
}
