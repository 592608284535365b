package io.lakestream.connectors.lake.internal;

import static io.lakestream.connectors.lake.internal.CommittedFiles.marker;
import static io.lakestream.connectors.lake.internal.CommittedFiles.message;
import static io.lakestream.connectors.lake.internal.CommittedFiles.ones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lakestream.connectors.lake.LakeFinalizer;
import io.lakestream.connectors.lake.LakeSink;
import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.TestTable;
import io.lakestream.connectors.lake.quality.ExpectationsFile;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breaker holds for the whole run: a table derived from the same events as a breaker table
 * ({@code fail-job}) publishes an hour only once the breaker table has checked past it, whichever
 * committer gets the checkpoint first, and never past a breach; the run's end (the finaliser)
 * publishes every table up to the earliest breach and nothing after it.
 */
class RunBreakerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final Partition H0 = Partition.hourly(DAY, 0);
    private static final Partition H1 = Partition.hourly(DAY, 1);
    private static final Partition H2 = Partition.hourly(DAY, 2);

    @TempDir Path lake;

    /** The breaker table: an hour of fewer than 5 rows stops the run. */
    private LakeSinkConfig breaker() {
        return LakeSink.forTable(new TestTable("events"))
                .lake(lake.toString())
                .runId("r")
                .expectations(
                        ExpectationsFile.parse(
                                "partition-rules: [{rule: row_count, min: 5, policy: fail-job}]",
                                "expectations/events.yaml",
                                "events"))
                .build()
                .config();
    }

    private LakeSinkConfig derived(String table, Duration horizon) {
        return LakeSink.forTable(new TestTable(table))
                .lake(lake.toString())
                .runId("r")
                .horizon(horizon)
                .build()
                .config();
    }

    private TreeSet<String> published(LakeSinkConfig config) {
        TreeSet<String> found = new TreeSet<>();
        for (Partition p : List.of(H0, H1, H2)) {
            if (Path.of(config.tableDir().getPath())
                    .resolve(p.path())
                    .resolve(PartitionManifest.SUCCESS_FILE)
                    .toFile()
                    .exists()) {
                found.add(p.path());
            }
        }
        return found;
    }

    private static TreeSet<String> paths(Partition... partitions) {
        TreeSet<String> s = new TreeSet<>();
        for (Partition p : partitions) {
            s.add(p.path());
        }
        return s;
    }

    private static OneInputStreamOperatorTestHarness<CommittableMessage<LakeCommittable>, Void>
            harness(LakeSinkConfig config) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new PartitionCommitOperator(config));
        h.open();
        return h;
    }

    @Test
    void theDerivedTableWaitsForTheBreakerTableThenPublishesAsFarAsItChecked() throws Exception {
        LakeSinkConfig events = breaker();
        LakeSinkConfig topItems = derived("top_items", Duration.ZERO);
        LakeSinkConfig labelled = derived("training_examples", Duration.ofMinutes(30));
        try (var e = harness(events);
                var d = harness(topItems)) {
            for (var h : List.of(e, d)) {
                h.processWatermark(H1.endMillis());
                h.snapshot(1, 1);
            }
            // the derived committer gets checkpoint 1 first: the breaker table has checked nothing
            d.processElement(message(CommittedFiles.write(topItems, H0, "a.parquet", 1), 1));
            d.processElement(message(CommittedFiles.write(topItems, H1, "b.parquet", 1), 1));
            d.processElement(marker(1));
            assertThat(published(topItems)).isEmpty();

            e.processElement(message(CommittedFiles.write(events, H0, "a.parquet", ones(5)), 1));
            e.processElement(message(CommittedFiles.write(events, H1, "b.parquet", ones(6)), 1));
            e.processElement(marker(1));
            assertThat(published(events)).isEqualTo(paths(H0, H1));
            assertThat(published(topItems)).isEmpty();

            // the held-back hours are tried again a second later
            d.setProcessingTime(PartitionCommitOperator.RETRY_MILLIS);
            assertThat(published(topItems)).isEqualTo(paths(H0, H1));
        }
        // a table whose rows depend on 30 minutes after its hours (labels) waits for the next hour
        try (var l = harness(labelled)) {
            l.processWatermark(H1.endMillis());
            l.snapshot(1, 1);
            l.processElement(message(CommittedFiles.write(labelled, H0, "c.parquet", 1), 1));
            l.processElement(message(CommittedFiles.write(labelled, H1, "d.parquet", 1), 1));
            l.processElement(marker(1));
            assertThat(published(labelled)).containsExactly(H0.path());
        }
    }

    @Test
    void aBreachStopsTheDerivedTableBeforeItPublishesAnythingUnchecked() throws Exception {
        LakeSinkConfig events = breaker();
        LakeSinkConfig topItems = derived("top_items", Duration.ZERO);
        Throwable thrown;
        try (var e = harness(events);
                var d = harness(topItems)) {
            e.processWatermark(H0.endMillis());
            e.snapshot(1, 1);
            d.processWatermark(H0.endMillis());
            d.snapshot(1, 1);
            e.processElement(message(CommittedFiles.write(events, H0, "a.parquet", ones(5)), 1));
            e.processElement(marker(1));
            d.processElement(message(CommittedFiles.write(topItems, H0, "a.parquet", 1), 1));
            d.processElement(marker(1));
            assertThat(published(topItems)).isEqualTo(paths(H0));

            // hour 1 is too thin: the breaker table stops; the derived hour 1 must stay unpublished
            for (var h : List.of(e, d)) {
                h.processWatermark(H1.endMillis());
                h.snapshot(2, 2);
            }
            e.processElement(message(CommittedFiles.write(events, H1, "b.parquet", ones(3)), 2));
            thrown = catchThrowable(() -> e.processElement(marker(2)));
            d.processElement(message(CommittedFiles.write(topItems, H1, "b.parquet", 1), 2));
            d.processElement(marker(2));
            d.setProcessingTime(10 * PartitionCommitOperator.RETRY_MILLIS);
        }
        assertThat(QualityBreachException.find(thrown)).isNotNull();
        assertThat(published(events)).isEqualTo(paths(H0));
        assertThat(published(topItems)).isEqualTo(paths(H0));
    }

    @Test
    void aBreachInACheckpointStillPublishesTheHoursBeforeItInEveryTable() throws Exception {
        LakeSinkConfig events = breaker();
        LakeSinkConfig topItems = derived("top_items", Duration.ZERO);
        Throwable thrown;
        try (var e = harness(events);
                var d = harness(topItems)) {
            for (var h : List.of(e, d)) {
                h.processWatermark(H2.endMillis());
                h.snapshot(1, 1);
            }
            e.processElement(message(CommittedFiles.write(events, H0, "a.parquet", ones(5)), 1));
            e.processElement(message(CommittedFiles.write(events, H1, "b.parquet", ones(2)), 1));
            e.processElement(message(CommittedFiles.write(events, H2, "c.parquet", ones(9)), 1));
            thrown = catchThrowable(() -> e.processElement(marker(1)));
            for (Partition p : List.of(H0, H1, H2)) {
                d.processElement(message(CommittedFiles.write(topItems, p, "a.parquet", 1), 1));
            }
            d.processElement(marker(1));
        }
        assertThat(QualityBreachException.find(thrown).partition()).isEqualTo(H1.path());
        assertThat(published(events)).isEqualTo(paths(H0));
        assertThat(published(topItems)).isEqualTo(paths(H0));
    }

    @Test
    void theRunsEndPublishesEveryTableUpToTheEarliestBreachWhateverTheOrderOfTables()
            throws Exception {
        LakeSinkConfig events = breaker();
        LakeSinkConfig topItems = derived("top_items", Duration.ZERO);
        for (Partition p : List.of(H0, H1, H2)) {
            CommittedFiles.write(topItems, p, "a.parquet", 1);
        }
        CommittedFiles.write(events, H0, "a.parquet", ones(5));
        CommittedFiles.write(events, H1, "a.parquet", ones(2));
        CommittedFiles.write(events, H2, "a.parquet", ones(7));
        // the derived table comes first: finishing table by table would publish all its hours
        Throwable thrown = catchThrowable(() -> LakeFinalizer.finishAll(List.of(topItems, events)));
        QualityBreachException breach = QualityBreachException.find(thrown);
        assertThat(breach).isNotNull();
        assertThat(breach.partition()).isEqualTo(H1.path());
        assertThat(published(topItems)).isEqualTo(paths(H0));
        assertThat(published(events)).isEqualTo(paths(H0));
        assertThat(lake.resolve(BreakerLedger.DIR).resolve("r")).doesNotExist();

        // fixed input: everything is published
        CommittedFiles.write(events, H1, "b.parquet", ones(3));
        LakeFinalizer.Finished finished = LakeFinalizer.finishAll(List.of(topItems, events));
        assertThat(finished.published()).containsEntry("top_items", 2).containsEntry("events", 2);
        TreeSet<String> all = paths(H0, H1, H2);
        assertThat(published(topItems)).isEqualTo(all);
        assertThat(published(events)).isEqualTo(all);
    }
}
