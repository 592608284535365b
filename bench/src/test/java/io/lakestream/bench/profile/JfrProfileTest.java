package io.lakestream.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which threads a profile counts, and how it groups and reports them. */
class JfrProfileTest {

    @Test
    void countsTasksTheirFetchersAndTheSortersOfKeyedInputs() {
        assertThat(JfrProfile.worksForTheJob("dedup by event_id -> late-data rule (1/2)#0"))
                .isTrue();
        assertThat(
                        JfrProfile.worksForTheJob(
                                "Source Data Fetcher for Source: lake: events -> decode (2/2)#0"))
                .isTrue();
        assertThat(JfrProfile.worksForTheJob("SortMerger sorting thread")).isTrue();
        assertThat(JfrProfile.worksForTheJob("SortMerger spilling thread")).isTrue();
        assertThat(JfrProfile.worksForTheJob("main")).isFalse();
        assertThat(JfrProfile.worksForTheJob("flink-pekko.actor.default-dispatcher-5")).isFalse();
        assertThat(JfrProfile.worksForTheJob(null)).isFalse();
    }

    @Test
    void aStagesSubtasksCountTogether() {
        assertThat(JfrProfile.threadGroup("per user and day: user_daily, dau (2/2)#0"))
                .isEqualTo(JfrProfile.threadGroup("per user and day: user_daily, dau (1/2)#0"))
                .isEqualTo("per user and day: user_daily, dau");
        assertThat(JfrProfile.threadGroup("SortMerger sorting thread"))
                .isEqualTo("SortMerger sorting thread");
    }

    @Test
    void theSectionListsThreadsLibrariesFramesAndNativeMethods() {
        JfrProfile.Share sort = new JfrProfile.Share("SortMerger sorting thread", 30, 30.0);
        JfrProfile.Share task = new JfrProfile.Share("dedup by event_id", 70, 70.0);
        JfrProfile.Summary s =
                new JfrProfile.Summary(
                        120,
                        100,
                        List.of(new JfrProfile.Share("a.B.c", 10, 10.0)),
                        List.of(new JfrProfile.Share("Parquet", 60, 60.0)),
                        List.of(task, sort),
                        4,
                        List.of(new JfrProfile.Share("org.rocksdb.RocksDB.put", 4, 100.0)));
        String md = s.markdown("Where it goes", "Lakestream", Path.of("/tmp/x.jfr"));
        assertThat(md)
                .startsWith("### Where it goes\n\n")
                .contains("120 samples, 100 of them in the job's threads")
                .contains(
                        "| `dedup by event_id` | 70 | 70.0 % |\n| `SortMerger sorting thread` | 30 |")
                .contains("| `Parquet` | 60 | 60.0 % |")
                .contains("| `a.B.c` | 10 | 10.0 % |")
                .contains("4 samples of the job's threads, by native method")
                .contains("| `org.rocksdb.RocksDB.put` | 4 | 100.0 % |")
                .contains("`/tmp/x.jfr`");
    }
}
