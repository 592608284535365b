package io.lakestream.pipelines.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.pipelines.Pipelines;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/** Every operator of every pipeline has a uid; a job with one missing is refused. */
class OperatorUidsTest {

    @Test
    void everyPipelineSetsEveryUidInStreamAndBackfill() {
        for (RunMode mode : RunMode.values()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            RunSpec.Builder spec =
                    RunSpec.builder()
                            .mode(mode)
                            .lake("/tmp/lake-uids")
                            .runId("uids")
                            .pipelines(Pipelines.names());
            if (mode == RunMode.BACKFILL) {
                spec.range(java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2026, 11, 2))
                        .replay(
                                new io.lakestream.connectors.kafka.ReplayPlan(
                                        "events", 0, 1, java.util.Map.of(0, new long[] {0, 1})));
            }
            LakestreamJob.compose(env, spec.build());
            assertThatCode(() -> OperatorUids.requireAll(env.getStreamGraph()))
                    .as(mode.toString())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void anOperatorWithoutUidIsNamed() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(1, 2, 3)
                .uid("numbers")
                .map(i -> i + 1, Types.INT)
                .name("plus one")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        assertThatThrownBy(() -> OperatorUids.requireAll(env.getStreamGraph()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plus one");
    }
}
