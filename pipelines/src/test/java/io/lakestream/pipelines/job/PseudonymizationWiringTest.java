package io.lakestream.pipelines.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.Pipelines;
import io.lakestream.pipelines.privacy.Pseudonymizer;
import io.lakestream.pipelines.privacy.UserPseudonymization;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.SimpleUdfStreamOperatorFactory;
import org.junit.jupiter.api.Test;

/**
 * The run's pseudonym cache size reaches every pseudonymizing operator of the job, under the uids
 * savepoints know them by.
 */
class PseudonymizationWiringTest {

    @Test
    void everyPseudonymizingOperatorGetsTheRunsCacheSize() {
        assertThat(cacheSizes(RunSpec.builder().pseudonymCacheUsers(1234)))
                .isEqualTo(
                        Map.of(
                                "pseudonymize-events", 1234,
                                "pseudonymize-quarantine", 1234,
                                "pseudonymize-profiles", 1234,
                                "pseudonymize-profile-quarantine", 1234));
    }

    @Test
    void theDefaultIsThePseudonymizers() {
        assertThat(cacheSizes(RunSpec.builder()).values())
                .hasSize(4)
                .containsOnly(Pseudonymizer.DEFAULT_CACHE_USERS);
    }

    /** uid → cache size of the pseudonymizing operators of a stream of every pipeline. */
    private static Map<String, Integer> cacheSizes(RunSpec.Builder spec) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakestreamJob.compose(
                env,
                spec.mode(RunMode.STREAM)
                        .lake("/tmp/lake-wiring")
                        .runId("wiring")
                        .pipelines(Pipelines.names())
                        .keyStore("jdbc:sqlite:/tmp/wiring-keys.db")
                        .build());
        Map<String, Integer> sizes = new TreeMap<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            if (node.getOperatorFactory() instanceof SimpleUdfStreamOperatorFactory<?> udf
                    && udf.getUserFunction() instanceof UserPseudonymization<?> p) {
                sizes.put(node.getTransformationUID(), p.cacheUsers());
            }
        }
        return sizes;
    }
}
