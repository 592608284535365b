package io.lakestream.pipelines.topitems;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.TopItem;
import io.lakestream.state.sketch.FrequentItemsSketch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/**
 * Top items of an hour: with a sketch large enough the ranking equals a plain-Java count (and is
 * the same however the clicks were split and ordered); impressions do not count.
 */
class TopItemsAggregationTest {

    private static List<Event> clicksAndImpressions(int n, long seed) {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = new Event();
            // a skewed item distribution with many ties in the tail
            e.itemId = "item-" + (int) Math.floor(Math.pow(r.nextDouble(), 3) * 2_000);
            e.eventType = r.nextInt(3) == 0 ? "impression" : "click";
            e.ts = r.nextInt(3_600_000);
            out.add(e);
        }
        return out;
    }

    private static List<TopItem> top(
            TopItemsAggregation agg, List<Event> input, int partials, long seed) throws Exception {
        List<Event> shuffled = new ArrayList<>(input);
        Collections.shuffle(shuffled, new Random(seed));
        List<FrequentItemsSketch> parts = new ArrayList<>();
        for (int i = 0; i < partials; i++) {
            parts.add(agg.create());
        }
        for (int i = 0; i < shuffled.size(); i++) {
            agg.add(parts.get(i % partials), shuffled.get(i));
        }
        FrequentItemsSketch merged = agg.fromBytes(agg.toBytes(parts.get(0)));
        for (FrequentItemsSketch p : parts.subList(1, parts.size())) {
            agg.merge(merged, agg.fromBytes(agg.toBytes(p)));
        }
        List<TopItem> out = new ArrayList<>();
        agg.emit(0, merged, new ListCollector<>(out));
        return out;
    }

    private static String render(TopItem t) {
        return t.rank + "|" + t.itemId + "|" + t.estCount + "|" + t.exactCount + "|" + t.maxError;
    }

    @Test
    void anExactSketchRanksLikeAPlainCount() throws Exception {
        List<Event> input = clicksAndImpressions(40_000, 5);
        TopItemsAggregation agg = new TopItemsAggregation(100, 1 << 12);

        Map<String, Long> clicks = new TreeMap<>();
        input.stream()
                .filter(e -> e.eventType.equals("click"))
                .forEach(e -> clicks.merge(e.itemId, 1L, Long::sum));
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(clicks.entrySet());
        ranked.sort(
                Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .reversed()
                        .thenComparing(Map.Entry::getKey));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map.Entry<String, Long> e = ranked.get(i);
            expected.add(
                    (i + 1) + "|" + e.getKey() + "|" + e.getValue() + "|" + e.getValue() + "|0");
        }

        List<String> once =
                top(agg, input, 1, 1).stream().map(TopItemsAggregationTest::render).toList();
        assertThat(once).isEqualTo(expected);
        assertThat(top(agg, input, 5, 2).stream().map(TopItemsAggregationTest::render).toList())
                .isEqualTo(expected);
    }

    @Test
    void aPurgedSketchKeepsEveryHeavyHitterAndStatesItsError() throws Exception {
        List<Event> input = clicksAndImpressions(60_000, 6);
        TopItemsAggregation agg = new TopItemsAggregation(100, 64);
        Map<String, Long> clicks = new TreeMap<>();
        input.stream()
                .filter(e -> e.eventType.equals("click"))
                .forEach(e -> clicks.merge(e.itemId, 1L, Long::sum));
        List<TopItem> rows = top(agg, input, 3, 3);
        long maxError = rows.get(0).maxError;
        assertThat(maxError).isPositive();
        List<String> reported = rows.stream().map(t -> t.itemId).toList();
        clicks.forEach(
                (item, count) -> {
                    if (count > maxError) {
                        assertThat(reported)
                                .as("heavy hitter %s (%d clicks)", item, count)
                                .contains(item);
                    }
                });
        for (TopItem t : rows) {
            assertThat(t.exactCount).isNull();
            assertThat(Math.abs(t.estCount - clicks.get(t.itemId))).isLessThanOrEqualTo(maxError);
        }
    }
}
