package io.lakestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckpointHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void collectsCompletedCheckpointsAcrossAnswersAndTheRestore() throws Exception {
        CheckpointHistory h = new CheckpointHistory();
        h.add(
                JSON.readTree(
                        """
                        {"latest": {"completed": {"id": 2, "trigger_timestamp": 2000,
                            "end_to_end_duration": 300, "state_size": 20, "checkpointed_size": 5}},
                         "history": [
                           {"id": 2, "status": "COMPLETED", "trigger_timestamp": 2000,
                            "end_to_end_duration": 300, "state_size": 20, "checkpointed_size": 5},
                           {"id": 1, "status": "COMPLETED", "trigger_timestamp": 1000,
                            "end_to_end_duration": 100, "state_size": 10, "checkpointed_size": 10}]}
                        """));
        h.add(
                JSON.readTree(
                        """
                        {"latest": {"restored": {"id": 2, "restore_timestamp": 2500}},
                         "history": [
                           {"id": 4, "status": "COMPLETED", "trigger_timestamp": 4000,
                            "end_to_end_duration": 200, "state_size": 30, "checkpointed_size": 7},
                           {"id": 3, "status": "FAILED", "trigger_timestamp": 3000,
                            "failure_timestamp": 3400, "failure_message": "task lost"}]}
                        """));

        assertThat(h.completed())
                .extracting(CheckpointHistory.Completed::id)
                .containsExactly(1L, 2L, 4L);
        assertThat(h.failed())
                .containsExactly(new CheckpointHistory.Failed(3, 3000, 3400, "task lost"));
        assertThat(h.restoredId()).isEqualTo(2);
        assertThat(h.restoreMillis()).isEqualTo(2500);
        assertThat(h.firstTriggeredFrom(2500).orElseThrow().completedMillis()).isEqualTo(4200);
        assertThat(h.durationQuantile(0.5)).isEqualTo(200);
        assertThat(h.durationQuantile(0.99)).isEqualTo(300);
        assertThat(h.latest().orElseThrow().stateSize()).isEqualTo(30);
    }

    @Test
    void hasNoQuantileWithoutCheckpoints() {
        assertThat(new CheckpointHistory().durationQuantile(0.5)).isEqualTo(-1);
    }

    @Test
    void quantilesAreTheNearestRankOfAnyHistory() {
        Random random = new Random(9);
        for (int round = 0; round < 200; round++) {
            List<CheckpointHistory.Completed> cps = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                cps.add(
                        new CheckpointHistory.Completed(
                                i, i * 10_000L, random.nextInt(100_000), 0, 0));
            }
            for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 1.0}) {
                assertThat(CheckpointHistory.quantile(cps, q)).isEqualTo(oracle(cps, q));
            }
        }
        assertThat(CheckpointHistory.quantile(List.of(), 0.99)).isEqualTo(-1);
    }

    /** The smallest duration that at least q of the checkpoints do not exceed. */
    private static long oracle(List<CheckpointHistory.Completed> cps, double q) {
        long best = Long.MAX_VALUE;
        for (CheckpointHistory.Completed candidate : cps) {
            long v = candidate.durationMillis();
            long notAbove = cps.stream().filter(c -> c.durationMillis() <= v).count();
            if (notAbove >= q * cps.size() && v < best) {
                best = v;
            }
        }
        return best;
    }
}
