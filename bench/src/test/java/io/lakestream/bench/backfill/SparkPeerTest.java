package io.lakestream.bench.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.kafka.ReplayPlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spark's Kafka replay reads the offsets Lakestream's plan names, in Spark's JSON form. */
class SparkPeerTest {

    @Test
    void offsetsAreSparksJsonPerPartition() {
        ReplayPlan plan =
                new ReplayPlan(
                        "events", 0, 1, Map.of(1, new long[] {7, 90}, 0, new long[] {0, 120}));

        assertThat(SparkPeer.offsetsJson(plan.topic(), plan.startOffsets()))
                .isEqualTo("{\"events\":{\"0\":0,\"1\":7}}");
        assertThat(SparkPeer.offsetsJson(plan.topic(), plan.endOffsets()))
                .isEqualTo("{\"events\":{\"0\":120,\"1\":90}}");
    }
}
