package io.lakestream.itests;

import static io.lakestream.itests.PriceDrift.DAY;
import static io.lakestream.itests.PriceDrift.expectations;
import static io.lakestream.itests.PriceDrift.failingHours;
import static io.lakestream.itests.PriceDrift.hours;
import static io.lakestream.itests.PriceDrift.hoursWith;
import static io.lakestream.itests.PriceDrift.partitionsWith;
import static io.lakestream.itests.PriceDrift.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.SchemaDrift;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, part 1, the circuit breaker in streams: a {@code fail-job} rule stops a stream before
 * the first failing hour, with every earlier hour published, nothing from that hour on, and nothing
 * derived from it in the run's other tables; the generator's own schema drift trips a row-count
 * breaker. The input and oracle: {@link PriceDrift}.
 */
class QualityBreakerStreamITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static PriceDrift data;

    @TempDir Path work;

    @BeforeAll
    static void produce() throws Exception {
        data = PriceDrift.produce(KAFKA, "breaker-drifted", "breaker-fixed");
    }

    /**
     * The generator's own drift: from 10:00 on, {@code age} arrives as a birth date, which the
     * contract quarantines; the hours thin out, and a row-count breaker stops the stream at the
     * first hour the oracle (the generator's ground truth) says is too thin.
     */
    @Test
    void theGeneratorsAgeDriftTripsARowCountBreakerInAStream() throws Exception {
        String topic = "quality-age-drift";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(12_000, 47)
                        .users(300)
                        .items(80)
                        .start(DAY)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.0)
                        .malformedFraction(0.0)
                        .partitions(1)
                        .drift(
                                SchemaDrift.of(
                                        SchemaDrift.Kind.AGE_AS_BIRTH_DATE,
                                        DAY.atTime(10, 0).toInstant(ZoneOffset.UTC)))
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(config));
        assertThat(truth.malformed).isNotEmpty();
        Map<String, List<String>> rows = GeneratedTruth.eventsTable(truth.onTime);
        TreeSet<String> thin = new TreeSet<>();
        rows.forEach(
                (hour, r) -> {
                    if (r.size() < 300) {
                        thin.add(hour);
                    }
                });
        assertThat(thin.first()).isEqualTo("date=" + DAY + "/hour=10");

        Path rules = Files.createDirectories(work.resolve("expectations-rows"));
        Files.writeString(
                rules.resolve("events.yaml"),
                "partition-rules: [{rule: row_count, min: 300, policy: fail-job}]");
        Path lake = work.resolve("lake-age-drift");
        CliRun run =
                CliRuns.captureRun(
                        KAFKA.bootstrapServers(),
                        work.resolve("state-age-drift"),
                        topic,
                        lake,
                        "ingest",
                        "--mode",
                        "stream",
                        "--until",
                        "latest",
                        "--expectations",
                        rules.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "lakestream: stopped by a data-quality breaker:"
                                                        + " events/"
                                                        + thin.first()
                                                        + " failed row_count = "
                                                        + rows.get(thin.first()).size()
                                                        + ", expected >= 300 (fail-job)"));
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE))
                .isEqualTo(new TreeSet<>(rows.keySet()).headSet(thin.first()));
    }

    /**
     * The breaker holds for the run: {@code top_items}, derived from the same events and listed
     * first (so published first, if each table were finished on its own), publishes no hour from
     * the breach on.
     */
    @Test
    void failJobStopsAStreamBeforeTheFirstFailingHour() throws Exception {
        Path lake = work.resolve("lake-stream");
        CliRun run =
                CliRuns.captureRun(
                        KAFKA.bootstrapServers(),
                        work.resolve("state-stream"),
                        data.driftedTopic,
                        lake,
                        "top_items,ingest",
                        "--mode",
                        "stream",
                        "--until",
                        "latest",
                        "--expectations",
                        expectations(work, "fail-job").toString());
        String first = failingHours(data.drifted).first();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "lakestream: stopped by a data-quality breaker:"
                                                        + " events/"
                                                        + first
                                                        + " failed mean(price)"));
        assertThat(hoursWith(lake, PartitionManifest.SUCCESS_FILE))
                .isEqualTo(hours(data.drifted).headSet(first));
        assertThat(report(lake, first).verdict).isEqualTo("stopped");
        assertThat(partitionsWith(lake, "top_items", PartitionManifest.SUCCESS_FILE))
                .isSubsetOf(hours(data.drifted).headSet(first));
        assertThat(lake.resolve("top_items")).as("top_items written").isDirectory();
    }
}
