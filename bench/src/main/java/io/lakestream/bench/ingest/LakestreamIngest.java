package io.lakestream.bench.ingest;

import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.JobRunner;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.ingest.RunCounter;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.privacy.KeyStores;
import io.lakestream.pipelines.privacy.PseudonymizeEvents;
import io.lakestream.state.CheckpointSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Lakestream's ingest, as {@code lakestream run --pipelines ingest --mode stream --until latest}
 * runs it: Kafka → decode → validate → dedup → Parquet {@code events}, exactly once, RocksDB,
 * checkpoints every 10 s, parallelism 2, on a MiniCluster in this JVM; with a key store, user ids
 * pseudonymized as {@code --key-store} does.
 */
public final class LakestreamIngest {

    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private final String bootstrap;
    private final String topic;
    private final String keyStore;

    public LakestreamIngest(String bootstrap, String topic) {
        this(bootstrap, topic, null);
    }

    /**
     * With {@code keyStore} (a location as {@code --key-store} takes it) user ids are
     * pseudonymized, as {@code run --key-store} does; null: off.
     */
    public LakestreamIngest(String bootstrap, String topic, String keyStore) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.keyStore = keyStore == null ? null : KeyStores.normalize(keyStore);
    }

    /**
     * Runs the stream to the topic's end into {@code lake}; returns the events it kept (valid, not
     * a duplicate, not late, not of a forgotten user).
     */
    public long run(Path lake, Path stateDir, String runId) throws Exception {
        return run(lake, stateDir, runId, null);
    }

    /**
     * As {@link #run(Path, Path, String)}, with the consumer group {@code groupId} (null: the
     * lake's default, named after the lake path). A group of its own reads the topic from the
     * beginning even into a lake path that an earlier stream used, whose group committed offsets.
     */
    public long run(Path lake, Path stateDir, String runId, String groupId) throws Exception {
        RunSpec spec =
                RunPlanner.plan(
                        RunSpec.builder()
                                .mode(RunMode.STREAM)
                                .lake(lake.toAbsolutePath().toString())
                                .bootstrap(bootstrap)
                                .topic(topic)
                                .pipelines(List.of("ingest"))
                                .untilLatest(true)
                                .runId(runId)
                                .groupId(groupId)
                                .keyStore(keyStore)
                                .build(),
                        Duration.ofSeconds(30));
        JobRunner.RunResult result =
                new LocalRun(2, CheckpointSettings.defaults(CHECKPOINT_INTERVAL), null, stateDir, 0)
                        .execute(spec);
        long valid = result.counts().get(RunCounter.VALID);
        return valid
                - result.counts().getOrDefault(PseudonymizeEvents.FORGOTTEN, 0L)
                - result.counts().get(RunCounter.DUPLICATES)
                - result.counts().get(RunCounter.LATE);
    }
}
