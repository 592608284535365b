package io.lakestream.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.bench.CheckpointHistory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendRunResultTest {

    private static CheckpointHistory.Completed cp(long id, long durationMillis) {
        return new CheckpointHistory.Completed(id, id * 10_000, durationMillis, 0, 0);
    }

    @Test
    void theFiguresWithoutTheFinalCheckpointLeaveOutOnlyTheLastOne() {
        BackendRun.Result r =
                new BackendRun.Result(
                        StateBackendKind.ROCKSDB,
                        100,
                        10,
                        List.of(cp(1, 2_000), cp(2, 99_000), cp(3, 3_000), cp(5, 86_000)),
                        Map.of(),
                        List.of(),
                        3_000,
                        99_000,
                        Optional.empty(),
                        100,
                        50);

        assertThat(r.last().id()).isEqualTo(5);
        assertThat(r.beforeTheEnd())
                .extracting(CheckpointHistory.Completed::id)
                .containsExactly(1L, 2L, 3L);
        assertThat(r.beforeTheEndQuantile(0.5)).isEqualTo(3_000);
        assertThat(r.beforeTheEndQuantile(0.99)).isEqualTo(99_000);
    }

    @Test
    void aSingleCheckpointLeavesNothingBeforeTheEnd() {
        BackendRun.Result r =
                new BackendRun.Result(
                        StateBackendKind.HEAP,
                        1,
                        1,
                        List.of(cp(1, 500)),
                        Map.of(),
                        List.of(),
                        500,
                        500,
                        Optional.empty(),
                        1,
                        1);
        assertThat(r.beforeTheEnd()).isEmpty();
        assertThat(r.beforeTheEndQuantile(0.99)).isEqualTo(-1);
    }
}
