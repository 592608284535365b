package io.lakestream.pipelines.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Country;
import io.lakestream.pipelines.model.TrainingExample;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The broadcast country join: rows that come before the whole table wait, none is lost. */
class CountryEnrichmentTest {

    private static TrainingExample example(String id, String country) {
        TrainingExample t = new TrainingExample();
        t.eventId = id;
        t.country = country;
        return t;
    }

    private static List<String> regions(
            BroadcastOperatorTestHarness<TrainingExample, Country, TrainingExample> h) {
        return h.extractOutputValues().stream()
                .map(t -> t.eventId + ":" + t.region + "/" + t.currency)
                .toList();
    }

    @Test
    void examplesBeforeTheEndOfTheTableWaitThenAllAreEnriched() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new CountryEnrichment(), CountryEnrichment.COUNTRIES)) {
            h.processElement(example("early", "DE"), 1);
            h.processBroadcastElement(new Country("DE", "europe", "EUR"), 1);
            h.processElement(example("still-early", "US"), 2);
            assertThat(h.extractOutputValues()).as("the table is not complete yet").isEmpty();

            h.processBroadcastElement(new Country("US", "north_america", "USD"), 2);
            h.processBroadcastElement(CountryTable.END, 3);
            h.processElement(example("unknown", "ZZ"), 4);
            h.processElement(example("none", null), 5);

            assertThat(regions(h))
                    .containsExactly(
                            "early:europe/EUR",
                            "still-early:north_america/USD",
                            "unknown:null/null",
                            "none:null/null");
        }
    }
}
