package io.lakestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointBreakdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsTheSubtaskTheCheckpointWaitedForAndItsLongestPhase() throws Exception {
        JsonNode details =
                JSON.readTree(
                        """
                        {"id": 8, "status": "COMPLETED", "checkpoint_type": "CHECKPOINT",
                         "tasks": {"v1": {"id": "v1"}, "v2": {"id": "v2"}}}
                        """);
        Map<String, JsonNode> subtasks = new LinkedHashMap<>();
        subtasks.put(
                "v1",
                JSON.readTree(
                        """
                        {"subtasks": [
                          {"index": 0, "status": "completed", "end_to_end_duration": 1200,
                           "start_delay": 100, "alignment": {"duration": 0, "persisted": 0},
                           "checkpoint": {"sync": 900, "async": 200}, "unaligned_checkpoint": false},
                          {"index": 1, "status": "pending_or_failed"}]}
                        """));
        subtasks.put(
                "v2",
                JSON.readTree(
                        """
                        {"subtasks": [
                          {"index": 1, "status": "completed", "end_to_end_duration": 99900,
                           "start_delay": 63500, "alignment": {"duration": 35700, "persisted": 0},
                           "checkpoint": {"sync": 500, "async": 100}, "unaligned_checkpoint": false},
                          {"index": 0, "status": "completed", "end_to_end_duration": 300,
                           "start_delay": 10, "alignment": {"duration": 5, "persisted": 4096},
                           "checkpoint": {"sync": 20, "async": 250}, "unaligned_checkpoint": true}]}
                        """));

        CheckpointBreakdown b =
                CheckpointBreakdown.parse(
                        details, subtasks, Map.of("v1", "source", "v2", "day windows"));

        assertThat(CheckpointBreakdown.vertexIds(details)).containsExactly("v1", "v2");
        assertThat(b.id()).isEqualTo(8);
        assertThat(b.type()).isEqualTo("CHECKPOINT");
        // the subtask that is not completed is left out; the rest sorted by task and index
        assertThat(b.subtasks())
                .extracting(s -> s.task() + "[" + s.index() + "]")
                .containsExactly("day windows[0]", "day windows[1]", "source[0]");
        CheckpointBreakdown.Subtask slowest = b.slowest();
        assertThat(slowest.task()).isEqualTo("day windows");
        assertThat(slowest.index()).isEqualTo(1);
        assertThat(slowest.startDelay()).isEqualTo(63500);
        assertThat(slowest.alignment()).isEqualTo(35700);
        assertThat(slowest.dominantPhase()).isEqualTo("start delay");
        assertThat(b.subtasks().get(2).dominantPhase()).isEqualTo("sync");
        assertThat(b.subtasks().get(0).dominantPhase()).isEqualTo("async");
        assertThat(b.subtasks().get(0).persistedBytes()).isEqualTo(4096);
        assertThat(b.anyUnaligned()).isTrue();
    }
}
