package io.lakestream.pipelines.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The local pre-aggregation and the merge per bucket, through Flink's operator harnesses: partials
 * leave when the watermark passes their bucket, survive a snapshot → restore (also onto another
 * parallelism), and the merge emits each bucket once with the sum of its partials.
 */
class LocalBucketAggregatorTest {

    /** Sums values per 10 ms bucket: a mergeable aggregation simple enough to check by hand. */
    static final class SumPer10 implements BucketAggregation<long[], long[], String> {
        @Override
        public long bucketMillis() {
            return 10;
        }

        @Override
        public long timeOf(long[] in) {
            return in[0];
        }

        @Override
        public long[] create() {
            return new long[1];
        }

        @Override
        public void add(long[] acc, long[] in) {
            acc[0] += in[1];
        }

        @Override
        public void merge(long[] into, long[] other) {
            into[0] += other[0];
        }

        @Override
        public byte[] toBytes(long[] acc) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                out.writeLong(acc[0]);
            }
            return b.toByteArray();
        }

        @Override
        public long[] fromBytes(byte[] bytes) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                return new long[] {in.readLong()};
            }
        }

        @Override
        public void emit(long bucketStart, long[] acc, Collector<String> out) {
            out.collect(bucketStart + "=" + acc[0]);
        }
    }

    private static final SumPer10 SUM = new SumPer10();

    private static OneInputStreamOperatorTestHarness<long[], BucketPartial> local(
            int parallelism, int subtask) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new LocalBucketAggregator<>(SUM), 128, parallelism, subtask);
    }

    private static StreamRecord<long[]> row(long time, long value) {
        return new StreamRecord<>(new long[] {time, value}, time);
    }

    /** Partials emitted so far, as "bucket=sum", in emission order. */
    private static List<String> partials(OneInputStreamOperatorTestHarness<long[], BucketPartial> h)
            throws IOException {
        List<String> out = new ArrayList<>();
        for (BucketPartial p : h.extractOutputValues()) {
            out.add(p.bucketStart + "=" + SUM.fromBytes(p.bytes)[0]);
        }
        return out;
    }

    @Test
    void emitsABucketOnceTheWatermarkPassesItsEnd() throws Exception {
        try (var h = local(1, 0)) {
            h.open();
            h.processElement(row(1, 5));
            h.processElement(row(12, 7));
            h.processElement(row(9, 1));
            h.processWatermark(new Watermark(8));
            assertThat(partials(h)).isEmpty();
            h.processWatermark(new Watermark(9));
            assertThat(partials(h)).containsExactly("0=6");
            // the partial precedes the watermark that completes its bucket
            assertThat(h.getOutput().poll()).isEqualTo(new Watermark(8));
            assertThat(h.getOutput().poll()).isInstanceOf(StreamRecord.class);
            assertThat(h.getOutput().poll()).isEqualTo(new Watermark(9));
        }
    }

    @Test
    void endOfInputFlushesEveryOpenBucket() throws Exception {
        try (var h = local(1, 0)) {
            h.open();
            h.processElement(row(35, 1));
            h.processElement(row(3, 2));
            h.endInput();
            assertThat(partials(h)).containsExactly("0=2", "30=1");
        }
    }

    @Test
    void openBucketsSurviveARestoreOntoOtherParallelism() throws Exception {
        OperatorSubtaskState a;
        OperatorSubtaskState b;
        try (var h0 = local(2, 0);
                var h1 = local(2, 1)) {
            h0.open();
            h1.open();
            h0.processElement(row(1, 1));
            h0.processElement(row(21, 10));
            h1.processElement(row(2, 100));
            a = h0.snapshot(1, 1);
            b = h1.snapshot(1, 1);
        }
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repackageState(a, b);
        try (var one =
                new OneInputStreamOperatorTestHarness<>(
                        new LocalBucketAggregator<>(SUM), 128, 1, 0)) {
            one.initializeState(
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            merged, 128, 2, 1, 0));
            one.open();
            one.processElement(row(5, 1000));
            one.endInput();
            assertThat(partials(one)).containsExactly("0=1101", "20=10");
        }
    }

    @Test
    void theMergeEmitsEachBucketOnceWithAllItsPartials() throws Exception {
        try (var merge =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new BucketMerger<>(SUM)),
                        (BucketPartial p) -> p.bucketStart,
                        Types.LONG)) {
            merge.open();
            merge.processElement(
                    new StreamRecord<>(new BucketPartial(0, SUM.toBytes(new long[] {3})), 9));
            merge.processElement(
                    new StreamRecord<>(new BucketPartial(0, SUM.toBytes(new long[] {4})), 9));
            merge.processElement(
                    new StreamRecord<>(new BucketPartial(10, SUM.toBytes(new long[] {1})), 19));
            merge.processWatermark(new Watermark(9));
            assertThat(merge.extractOutputValues()).containsExactly("0=7");
            // a partial for an emitted bucket is not emitted again
            merge.processElement(
                    new StreamRecord<>(new BucketPartial(0, SUM.toBytes(new long[] {5})), 9));
            merge.processWatermark(new Watermark(19));
            Map<String, Integer> counts = new TreeMap<>();
            merge.extractOutputValues().forEach(v -> counts.merge(v, 1, Integer::sum));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("0=7", 1, "10=1", 1));
        }
    }
}
