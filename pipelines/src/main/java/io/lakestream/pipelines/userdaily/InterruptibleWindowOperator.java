package io.lakestream.pipelines.userdaily;

import java.util.Optional;
import org.apache.flink.api.common.state.AppendingState;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.InternalTimeServiceManager;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperator;
import org.apache.flink.streaming.runtime.operators.windowing.functions.InternalWindowFunction;

/**
 * Flink's {@link WindowOperator}, unchanged except that it lets a checkpoint barrier in between the
 * windows one watermark fires, when the job enables interruptible timers ({@code
 * execution.checkpointing.unaligned.interruptible-timers.enabled}, with unaligned checkpoints).
 *
 * <p>Why: a day's end fires every window of that day at once — when they were keyed by user, 1.7M
 * in the state bench; keyed by bucket of users, 16,384 holding all the day's events — and without
 * this the task fires them all before it looks at a barrier, so the checkpoint in progress waits
 * for the whole firing (the bench measured a 60–100 s start delay on RocksDB, by user). Flink
 * offers interruptible timers to operators that declare they support them; {@code WindowOperator}
 * does not declare it, but it can: each timer is handled on its own (the window's contents read,
 * emitted and cleared, its timers deleted) and it keeps no state across the timers of one
 * watermark, so a snapshot taken between two timers holds exactly the windows not fired yet, which
 * fire again after a restore. The records the task reads meanwhile come after the watermark in the
 * stream: for them the watermark has already advanced, as it would have once the firing ended. The
 * state (names, serializers, timers) is {@code WindowOperator}'s, so savepoints of the plain
 * operator restore into this one and back.
 *
 * <p>At the end of a bounded input the chained sink is told its input ended right after this
 * operator's {@link #finish()}, while a firing a barrier interrupted would only resume from the
 * mailbox later: its rows would reach a writer that no longer takes any (Flink fails the job with
 * "Received element after endOfInput"). So {@link #finish()} fires what the last watermark left, at
 * once, and forwards the watermark, as the uninterrupted firing would have.
 */
final class InterruptibleWindowOperator<K, IN, ACC, OUT, W extends Window>
        extends WindowOperator<K, IN, ACC, OUT, W> {

    private static final long serialVersionUID = 1L;

    /** The highest watermark received, or null before the first. */
    private transient Watermark lastInputWatermark;

    InterruptibleWindowOperator(
            WindowAssigner<? super IN, W> windowAssigner,
            TypeSerializer<W> windowSerializer,
            KeySelector<IN, K> keySelector,
            TypeSerializer<K> keySerializer,
            StateDescriptor<? extends AppendingState<IN, ACC>, ?> windowStateDescriptor,
            InternalWindowFunction<ACC, OUT, K, W> windowFunction,
            Trigger<? super IN, ? super W> trigger) {
        super(
                windowAssigner,
                windowSerializer,
                keySelector,
                keySerializer,
                windowStateDescriptor,
                windowFunction,
                trigger,
                0L,
                null);
    }

    @Override
    public boolean useInterruptibleTimers() {
        return true;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (lastInputWatermark == null || mark.getTimestamp() > lastInputWatermark.getTimestamp()) {
            lastInputWatermark = mark;
        }
        super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
        Optional<InternalTimeServiceManager<?>> timers = getTimeServiceManager();
        if (lastInputWatermark != null && timers.isPresent()) {
            // a no-op unless a barrier interrupted the firing; the watermark may then reach the
            // sink twice, which changes nothing there
            timers.get().advanceWatermark(lastInputWatermark);
            output.emitWatermark(lastInputWatermark);
        }
        super.finish();
    }
}
