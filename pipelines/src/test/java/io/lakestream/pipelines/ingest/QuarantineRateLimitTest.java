package io.lakestream.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.pipelines.model.DecodedRecord;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.QuarantineRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.apache.flink.runtime.throwable.ThrowableClassifier;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/**
 * The quarantine-rate limit: a sliding window of the last N records per router, compared with a
 * plain deque over the same sequence; the router fails on exactly the record that crosses it.
 */
class QuarantineRateLimitTest {

    @Test
    void theWindowCountsTheQuarantinedAmongTheLastNRecords() {
        Random random = new Random(42);
        for (int size : new int[] {1, 7, 64, 65, 200}) {
            QuarantineWindow window = new QuarantineWindow(size);
            Deque<Boolean> last = new ArrayDeque<>();
            for (int i = 0; i < 2_000; i++) {
                boolean bad = random.nextInt(4) == 0;
                last.addLast(bad);
                if (last.size() > size) {
                    last.removeFirst();
                }
                long expected = last.stream().filter(b -> b).count();
                assertThat(window.add(bad)).as("size %d, record %d", size, i).isEqualTo(expected);
                assertThat(window.records()).isEqualTo(last.size());
            }
        }
    }

    @Test
    void allowsTheFractionOfTheWindowAndNoMore() {
        assertThat(QuarantineRateLimit.of(0.05, 10_000).allowed()).isEqualTo(500);
        assertThat(QuarantineRateLimit.of(0.1, 30).allowed()).isEqualTo(3);
        assertThat(QuarantineRateLimit.of(0, 100).allowed()).isZero();
        assertThat(QuarantineRateLimit.off().isOff()).isTrue();
        assertThat(QuarantineRateLimit.of(0.05, 100).describe()).isEqualTo("0.05 of 100 records");
    }

    @Test
    void refusesRatesAndWindowsOutOfRangeNamingTheOption() {
        assertThatThrownBy(() -> QuarantineRateLimit.of(1, 100))
                .hasMessageStartingWith("--max-quarantine-rate");
        assertThatThrownBy(() -> QuarantineRateLimit.of(-0.1, 100))
                .hasMessageStartingWith("--max-quarantine-rate");
        assertThatThrownBy(() -> QuarantineRateLimit.of(Double.NaN, 100))
                .hasMessageStartingWith("--max-quarantine-rate");
        assertThatThrownBy(() -> QuarantineRateLimit.of(0.1, 0))
                .hasMessageStartingWith("--quarantine-window");
    }

    @Test
    void theRouterFailsOnTheRecordThatCrossesTheLimitAndNotBefore() throws Exception {
        // limit 0.2 of 10: 2 allowed; bad records at offsets 3, 9, then 11 is the third in 10
        QuarantineRateLimit limit = QuarantineRateLimit.of(0.2, 10);
        try (var harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(RecordRouter.unbounded(limit)))) {
            harness.open();
            for (long offset = 0; offset < 11; offset++) {
                boolean bad = offset == 3 || offset == 9;
                harness.processElement(new StreamRecord<>(record(offset, bad), offset));
            }
            // offset 13 would be the third bad record, but offset 3 has left the window by then
            assertThat(harness.getSideOutput(RecordRouter.QUARANTINE)).hasSize(2);
            harness.processElement(new StreamRecord<>(record(11, false), 11));
            harness.processElement(new StreamRecord<>(record(12, false), 12));
            harness.processElement(new StreamRecord<>(record(13, true), 13));
            assertThatThrownBy(
                            () -> harness.processElement(new StreamRecord<>(record(14, true), 14)))
                    .isInstanceOfSatisfying(
                            QuarantineRateExceededException.class,
                            e -> {
                                assertThat(e.topic()).isEqualTo("events");
                                assertThat(e.partition()).isEqualTo(3);
                                assertThat(e.offset()).isEqualTo(14);
                                assertThat(e.getMessage())
                                        .contains("topic events partition 3 offset 14")
                                        .contains("3 of the last 10 records")
                                        .doesNotContain("\n");
                            });
            assertThat(harness.getSideOutput(RecordRouter.QUARANTINE)).hasSize(3);
        }
    }

    @Test
    void aBreachIsNotRecoverableSoFlinkDoesNotReplayIntoIt() {
        QuarantineRecord q = record(1, true).quarantine;
        var breach = new QuarantineRateExceededException(q, 1, 1, QuarantineRateLimit.of(0, 10));
        assertThat(ThrowableClassifier.getThrowableType(breach))
                .isEqualTo(ThrowableType.NonRecoverableError);
        assertThat(QuarantineRateExceededException.find(new RuntimeException("job", breach)))
                .isSameAs(breach);
        // as a remote cluster reports it
        var remote =
                QuarantineRateExceededException.find(
                        new RuntimeException("job", new SerializedThrowable(breach)));
        assertThat(remote).isNotNull();
        assertThat(remote.getMessage()).isEqualTo(breach.getMessage());
        assertThat(QuarantineRateExceededException.find(new RuntimeException("other"))).isNull();
    }

    private static DecodedRecord record(long offset, boolean bad) {
        if (!bad) {
            Event e = new Event();
            e.eventId = "e" + offset;
            e.ts = offset;
            return DecodedRecord.valid(e);
        }
        QuarantineRecord q = new QuarantineRecord();
        q.topic = "events";
        q.partition = 3;
        q.offset = offset;
        q.arrival = offset;
        q.reason = "invalid_json: test";
        q.raw = "{";
        q.rawEncoding = "utf8";
        return DecodedRecord.invalid(q);
    }
}
