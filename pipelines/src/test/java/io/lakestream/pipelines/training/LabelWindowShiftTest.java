package io.lakestream.pipelines.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.model.TrainingExample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Labelled rows go back to impression time, the watermark back by the label window. */
class LabelWindowShiftTest {

    private static final long WINDOW = 1_800_000L;

    @Test
    void rowsTakeTheirImpressionTimeAndWatermarksAreHeldBackExceptTheLast() throws Exception {
        try (var h =
                new OneInputStreamOperatorTestHarness<TrainingExample, TrainingExample>(
                        new LabelWindowShift(Duration.ofMillis(WINDOW)))) {
            h.open();
            TrainingExample row = new TrainingExample();
            row.eventTime = 5_000_000L;
            h.processWatermark(new Watermark(Long.MIN_VALUE + 5)); // no wrap-around below MIN
            h.processElement(new StreamRecord<>(row, 5_000_000L + WINDOW)); // the labeller's time
            h.processWatermark(new Watermark(5_000_000L + WINDOW));
            h.processWatermark(new Watermark(Long.MAX_VALUE)); // end of input passes unchanged

            List<Long> timestamps = new ArrayList<>();
            List<Long> watermarks = new ArrayList<>();
            for (Object o : h.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    timestamps.add(r.getTimestamp());
                } else if (o instanceof Watermark w) {
                    watermarks.add(w.getTimestamp());
                }
            }
            assertThat(timestamps).containsExactly(5_000_000L);
            assertThat(watermarks).containsExactly(Long.MIN_VALUE, 5_000_000L, Long.MAX_VALUE);
        }
    }
}
