package io.lakestream.bench.backfill;

import io.lakestream.deploy.run.LocalRun;
import io.lakestream.job.RunPlanner;
import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.job.SourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Lakestream's backfill of {@code user_daily} and {@code dau}, as {@code lakestream run --pipelines
 * user_daily,dau --mode backfill --source lake|kafka --from --to --lake LAKE} runs it: planned (the
 * lake's committed partitions, or the topic's offsets over the dates), then BATCH mode on a
 * MiniCluster of parallelism 2 in this JVM. Planning and the MiniCluster's start are part of the
 * run, as they are of the command's.
 */
final class LakestreamBackfill {

    static final List<String> PIPELINES = List.of("user_daily", "dau");

    private final String bootstrap;
    private final String topic;
    private final LocalDate from;
    private final LocalDate to;

    LakestreamBackfill(String bootstrap, String topic, LocalDate from, LocalDate to) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.from = from;
        this.to = to;
    }

    /**
     * Backfills the dates into {@code lake} from {@code source}, planning first; returns the plan
     * it ran ({@link RunSpec#replay}: the Kafka offsets replayed, null for a lake source).
     */
    RunSpec run(SourceKind source, Path lake, Path stateDir, String runId) throws Exception {
        RunSpec spec = plan(source, lake, runId);
        new LocalRun(2, Duration.ofSeconds(10), stateDir, 0).execute(spec);
        return spec;
    }

    /**
     * The run's plan, as {@link #run} makes it: for a Kafka source, {@link RunSpec#replay} holds
     * the offsets of the dates' ingestion window.
     */
    RunSpec plan(SourceKind source, Path lake, String runId) throws IOException {
        return RunPlanner.plan(
                RunSpec.builder()
                        .mode(RunMode.BACKFILL)
                        .source(source)
                        .lake(lake.toAbsolutePath().toString())
                        .bootstrap(bootstrap)
                        .topic(topic)
                        .pipelines(PIPELINES)
                        .range(from, to)
                        .runId(runId)
                        .build(),
                Duration.ofSeconds(30));
    }
}
