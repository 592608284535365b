package io.lakestream.pipelines.ingest;

import io.lakestream.pipelines.model.DecodedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for the events topic: watermark = max event time seen − {@code max-delay}
 * (DESIGN.md), generated per Kafka partition inside the source.
 *
 * <p>Two differences from Flink's bounded-out-of-orderness generator, both for the late-data rule:
 * quarantined records do not move the watermark (they carry no trustworthy event time), and the
 * watermark is also emitted from the event path whenever it has advanced by {@code granularity},
 * not only every auto-watermark interval. A replay reads hours of event time per second; with
 * periodic emission only, the watermark would lag by an amount that depends on the machine's speed,
 * and whether an event is "late" would too.
 */
public final class EventTimeWatermarks implements WatermarkStrategy<DecodedRecord> {

    private static final long serialVersionUID = 1L;

    private final long maxDelayMs;
    private final long granularityMs;

    public EventTimeWatermarks(Duration maxDelay) {
        this.maxDelayMs = maxDelay.toMillis();
        this.granularityMs = Math.max(1, Math.min(maxDelayMs / 10, 60_000));
    }

    @Override
    public TimestampAssigner<DecodedRecord> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        return (r, previous) -> r.event != null ? r.event.ts : r.quarantine.arrival;
    }

    @Override
    public WatermarkGenerator<DecodedRecord> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        return new Generator(maxDelayMs, granularityMs);
    }

    static final class Generator implements WatermarkGenerator<DecodedRecord> {
        private final long maxDelayMs;
        private final long granularityMs;
        private long maxTs = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;

        Generator(long maxDelayMs, long granularityMs) {
            this.maxDelayMs = maxDelayMs;
            this.granularityMs = granularityMs;
        }

        @Override
        public void onEvent(DecodedRecord r, long timestamp, WatermarkOutput out) {
            if (r.event == null || r.event.ts <= maxTs) {
                return;
            }
            maxTs = r.event.ts;
            long wm = current();
            if (emitted == Long.MIN_VALUE || wm - emitted >= granularityMs) {
                emit(wm, out);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
            if (maxTs != Long.MIN_VALUE && current() > emitted) {
                emit(current(), out);
            }
        }

        private long current() {
            return maxTs - maxDelayMs - 1;
        }

        private void emit(long wm, WatermarkOutput out) {
            emitted = wm;
            out.emitWatermark(new Watermark(wm));
        }
    }
}
