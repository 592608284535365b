package io.lakestream.pipelines.training;

import io.lakestream.pipelines.model.TrainingExample;
import java.time.Duration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Moves the labelled rows back to impression time: each row gets its impression's time as its
 * timestamp, and the watermark is held back by the label window.
 *
 * <p>{@link ClickLabeler} emits a row at watermark {@code t + window}. Downstream, the lake sink
 * publishes a date's partition once the watermark passes the date's end; without the shift it would
 * publish a date before the impressions of its last {@code window} were labelled. Held back, the
 * watermark downstream stays below the time of every row still to come, so the rows are on time for
 * the profile join and the partition commit. The final watermark (end of input) passes unchanged.
 */
public final class LabelWindowShift extends AbstractStreamOperator<TrainingExample>
        implements OneInputStreamOperator<TrainingExample, TrainingExample> {

    private static final long serialVersionUID = 1L;

    private final long windowMs;

    public LabelWindowShift(Duration window) {
        this.windowMs = window.toMillis();
    }

    @Override
    public void processElement(StreamRecord<TrainingExample> element) {
        output.collect(element.replace(element.getValue(), element.getValue().eventTime));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long t = mark.getTimestamp();
        if (t == Long.MAX_VALUE) {
            super.processWatermark(mark);
        } else {
            super.processWatermark(
                    new Watermark(Math.max(Long.MIN_VALUE + windowMs, t) - windowMs));
        }
    }
}
