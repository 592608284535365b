package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakestream.connectors.testing.LongVariants;
import io.lakestream.connectors.testing.ReliabilityRow;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.ingest.RunCounter;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.state.CheckpointSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sustained load: a stream ({@code ingest,user_daily}, parallelism 2, checkpoints every 10 s, as
 * runs are by default) reads while a producer on the same two cores sends generated days as fast as
 * the broker takes them — for 45 s in the default build, 10 minutes under {@code
 * -Preliability-long} — so the rate is the highest this machine holds end to end (loopback only).
 * No checkpoint may fail, the job may not restart, and the lake equals the oracle day by day;
 * backpressure is sampled from the job's metrics and reported.
 */
class SustainedLoadITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String TOPIC = "events-load";

    /**
     * Days follow one another from here: far enough in the past that even the long variant's days
     * stay before today (Kafka refuses records more than an hour in the future by default).
     */
    private static final LocalDate DAY0 = LocalDate.of(2022, 1, 1);

    private static final int EVENTS_PER_DAY = 100_000;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** Records the producer may be ahead of the stream's last checkpoint. */
    private static final long MAX_BACKLOG = 3L * EVENTS_PER_DAY;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path work;

    @Test
    void aStreamUnderSustainedLoadCheckpointsEveryTimeAndLosesNothing() throws Exception {
        Duration produceFor = Duration.ofSeconds(LongVariants.pick(40, 600));
        KAFKA.createTopic(TOPIC, 2);
        Path lake = work.resolve("lake").toAbsolutePath();
        LocalRun local =
                new LocalRun(
                        2,
                        CheckpointSettings.defaults(CHECKPOINT_INTERVAL),
                        null,
                        work.resolve("state"),
                        0);
        String rest = "http://localhost:" + local.restPort();
        RunSpec spec =
                RunPlanner.plan(
                        RunSpec.builder()
                                .mode(RunMode.STREAM)
                                .lake(lake.toString())
                                .bootstrap(KAFKA.bootstrapServers())
                                .topic(TOPIC)
                                .pipelines(List.of("ingest", "user_daily"))
                                .runId("load")
                                .build(),
                        Duration.ofSeconds(30));
        TopicFeed feed = new TopicFeed(KAFKA.bootstrapServers(), TOPIC);
        JobRunner.Submitted run = local.submit(spec);
        String job = run.client().getJobID().toString();
        AtomicLong maxBackPressured = new AtomicLong(-1);
        ScheduledExecutorService sampler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "backpressure-sampler");
                            t.setDaemon(true);
                            return t;
                        });
        sampler.scheduleWithFixedDelay(
                () -> maxBackPressured.accumulateAndGet(backPressured(rest, job), Math::max),
                1,
                2,
                TimeUnit.SECONDS);

        // produce whole days as fast as the broker takes them, but no more than a few days ahead
        // of the stream's committed offsets: the producer then runs at the rate the stream holds
        List<GeneratorConfig> days = new ArrayList<>();
        long t0 = System.nanoTime();
        KafkaEventPublisher publisher = new KafkaEventPublisher(KAFKA.bootstrapServers(), TOPIC);
        while (System.nanoTime() - t0 < produceFor.toNanos()) {
            long produced = sum(feed.endOffsets());
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> produced - sum(feed.committed(spec.groupId)) <= MAX_BACKLOG);
            GeneratorConfig day =
                    GeneratorConfig.builder(EVENTS_PER_DAY, 1000 + days.size())
                            .start(DAY0.plusDays(days.size()))
                            .days(1)
                            .lateFraction(0.0)
                            .partitions(2)
                            .build();
            publisher.publish(day);
            days.add(day);
        }
        double producedSeconds = (System.nanoTime() - t0) / 1e9;
        Map<TopicPartition, Long> end = feed.endOffsets();
        await().atMost(produceFor.plus(Duration.ofMinutes(5)))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> feed.checkpointedPast(spec.groupId, end));
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.shutdownNow();
        JsonNode checkpoints = get(rest + "/jobs/" + job + "/checkpoints");

        run.client()
                .stopWithSavepoint(
                        true,
                        work.resolve("savepoints").toUri().toString(),
                        SavepointFormatType.CANONICAL)
                .get(3, TimeUnit.MINUTES);
        JobRunner.RunResult result = run.awaitAndFinalise();

        long records = 0;
        long lost = 0;
        long duplicated = 0;
        long events = 0;
        for (int i = 0; i < days.size(); i++) {
            GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(days.get(i)));
            String date = "date=" + DAY0.plusDays(i);
            Map<String, List<String>> expected = GeneratedTruth.eventsTable(truth.onTime);
            Map<String, List<String>> actual =
                    LakeRows.byPartition(lake, "events", date, StreamBackfillITCase::eventRow);
            ReliabilityRow dayRow =
                    ReliabilityRow.of(
                            "",
                            "",
                            "",
                            1,
                            expected.values().stream().flatMap(List::stream).toList(),
                            actual.values().stream().flatMap(List::stream).toList(),
                            "",
                            "");
            records += dayRow.records();
            lost += dayRow.lost();
            duplicated += dayRow.duplicated();
            events += truth.onTime.size() + truth.duplicates + truth.malformed.size();
            StreamBackfillITCase.assertSameRows("events " + date, actual, expected);
            StreamBackfillITCase.assertSameRows(
                    "user_daily " + date,
                    LakeRows.byPartition(
                            lake, "user_daily", date, StreamBackfillITCase::userDailyRow),
                    GeneratedTruth.userDaily(truth.onTime));
        }
        long completed = checkpoints.path("counts").path("completed").asLong();
        long failed = checkpoints.path("counts").path("failed").asLong();
        JsonNode e2e = checkpoints.path("summary").path("end_to_end_duration");
        long restarts = result.counts().getOrDefault(RunCounter.RESTARTS, 0L);
        String figures =
                String.format(
                        Locale.ROOT,
                        "%,d records in %.0f s: %,.0f records/s end to end; %d checkpoints (p50"
                                + " %d ms, p99 %d ms, max %d ms), %d failed; backpressure at most"
                                + " %d ms/s",
                        events,
                        seconds,
                        events / seconds,
                        completed,
                        e2e.path("p50").asLong(),
                        e2e.path("p99").asLong(),
                        e2e.path("max").asLong(),
                        failed,
                        maxBackPressured.get());
        System.out.println("sustained load: " + figures);
        new ReliabilityRow(
                        LongVariants.enabled() ? "sustained-load-long" : "sustained-load",
                        "Sustained load" + (LongVariants.enabled() ? " (long variant)" : ""),
                        String.format(
                                Locale.ROOT,
                                "a producer on the same 2 cores sends %d generated days as fast as"
                                        + " the broker takes them for %.0f s while the stream"
                                        + " (ingest, user_daily; parallelism 2; checkpoints every"
                                        + " %d s) reads; then a drained stop",
                                days.size(),
                                producedSeconds,
                                CHECKPOINT_INTERVAL.toSeconds()),
                        1,
                        records,
                        lost,
                        duplicated,
                        Long.toString(restarts),
                        "no fault; " + figures)
                .write();
        assertThat(failed).as("failed checkpoints").isZero();
        assertThat(completed).as("completed checkpoints").isGreaterThanOrEqualTo(2);
        assertThat(restarts).as("restarts").isZero();
        assertThat(lost + duplicated).isZero();
        assertThat(maxBackPressured.get()).as("backpressure was sampled").isGreaterThanOrEqualTo(0);
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The largest {@code backPressuredTimeMsPerSecond} of any subtask of the job now (ms per second
     * a subtask waited for output buffers); -1 if the metrics are not there yet.
     */
    private static long backPressured(String rest, String job) {
        try {
            long max = -1;
            for (JsonNode v : get(rest + "/jobs/" + job).path("vertices")) {
                JsonNode m =
                        get(
                                rest
                                        + "/jobs/"
                                        + job
                                        + "/vertices/"
                                        + v.path("id").asText()
                                        + "/subtasks/metrics?get=backPressuredTimeMsPerSecond");
                for (JsonNode metric : m) {
                    max = Math.max(max, Math.round(metric.path("max").asDouble(-1)));
                }
            }
            return max;
        } catch (Exception e) {
            return -1; // the job may be between restarts or finishing: the next sample counts
        }
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
