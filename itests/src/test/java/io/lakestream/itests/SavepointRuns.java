package io.lakestream.itests;

import static org.awaitility.Awaitility.await;

import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the upgrade tests share: publishing a part of a generated history and knowing where it ends,
 * an unbounded stream started through the project's API, waiting until it has checkpointed past a
 * part (its consumer group's committed offsets, which Flink's Kafka source commits only when a
 * checkpoint completes), and stopping it with a savepoint without drain (as {@code flink stop
 * --savepointPath} does).
 */
final class SavepointRuns {

    private SavepointRuns() {}

    /**
     * Sends {@code records} in order (each to its key's partition) and returns where each partition
     * now ends (the offset after its last record).
     */
    static Map<TopicPartition, Long> publish(
            String bootstrap, String topic, List<GeneratedRecord> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (TopicWriter writer = new TopicWriter(bootstrap, topic)) {
            for (GeneratedRecord r : records) {
                sent.add(writer.send(null, r.timestampMillis(), r.key(), r.value()));
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata m = TopicWriter.landed(f);
            ends.merge(new TopicPartition(topic, m.partition()), m.offset() + 1, Math::max);
        }
        return ends;
    }

    /** The planned unbounded stream of {@code pipelines} over {@code topic} into {@code lake}. */
    static RunSpec stream(
            String bootstrap, String topic, Path lake, String runId, long dedupIdsPerDay)
            throws IOException {
        return RunPlanner.plan(
                RunSpec.builder()
                        .mode(RunMode.STREAM)
                        .lake(lake.toString())
                        .bootstrap(bootstrap)
                        .topic(topic)
                        .pipelines(List.of("ingest", "user_daily"))
                        .dedupIdsPerDay(dedupIdsPerDay)
                        .runId(runId)
                        .build(),
                Duration.ofSeconds(30));
    }

    /** Starts {@code spec} on a MiniCluster with RocksDB and a checkpoint every second. */
    static JobClient start(RunSpec spec, int parallelism, Path stateDir) throws Exception {
        return new LocalRun(parallelism, Duration.ofSeconds(1), stateDir, 0).start(spec);
    }

    /**
     * Waits until the consumer group has committed {@code ends}: a checkpoint that covers every
     * record up to there has completed.
     */
    static void awaitCheckpointedPast(
            String bootstrap, String groupId, Map<TopicPartition, Long> ends) {
        TopicFeed feed = new TopicFeed(bootstrap, ends.keySet().iterator().next().topic());
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> feed.checkpointedPast(groupId, ends));
    }

    /**
     * Stops the job with a canonical savepoint under {@code dir}, without drain (no end-of-time
     * watermark: open windows and partitions stay open in the savepoint); returns its path.
     */
    static String stopWithSavepoint(JobClient job, Path dir) throws Exception {
        return job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
    }

    /** Bytes of every file under {@code dir}. */
    static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            f -> {
                                try {
                                    return Files.size(f);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
