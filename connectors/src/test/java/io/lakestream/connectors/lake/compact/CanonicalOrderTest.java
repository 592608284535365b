package io.lakestream.connectors.lake.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.TestRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class CanonicalOrderTest {

    private static List<GenericRecord> sort(List<GenericRecord> rows) {
        RowChecksum c = new RowChecksum();
        List<GenericRecord> out = new ArrayList<>(rows);
        out.sort(
                (a, b) ->
                        CanonicalOrder.ORDER.compare(
                                new CanonicalOrder.Key(a.get(0), c.encode(a)),
                                new CanonicalOrder.Key(b.get(0), c.encode(b))));
        return out;
    }

    @Test
    void sortsByFirstColumnThenByTheWholeRowWhateverTheInputOrder() {
        GenericRecord b2 = TestRows.row("b", "u2", 2, 1.0, null, 10);
        GenericRecord b1 = TestRows.row("b", "u1", 5, 1.0, 3, 10);
        GenericRecord bNull = TestRows.row("b", null, 9, 1.0, 3, 10);
        GenericRecord a = TestRows.row("a", "u9", 1, 1.0, null, 10);
        GenericRecord c = TestRows.row("c", "u0", 0, 1.0, null, 10);
        // within "b": the canonical encodings differ first in user_id: null (0) < "u1" < "u2"
        List<GenericRecord> expected = List.of(a, bNull, b1, b2, c);
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            List<GenericRecord> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);
            assertThat(sort(shuffled)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void stringsCompareAsUtf8BytesWhetherStringOrUtf8() {
        assertThat(CanonicalOrder.compareValues("Z", new Utf8("a"))).isNegative();
        assertThat(CanonicalOrder.compareValues(new Utf8("ab"), "ab")).isZero();
        // U+FF5E (3 UTF-8 bytes, 0xEF...) sorts after U+00E9 (0xC3 0xA9) as bytes
        assertThat(CanonicalOrder.compareValues("\u00e9", "\uff5e")).isNegative();
        assertThat(CanonicalOrder.compareValues(null, "a")).isNegative();
        assertThat(CanonicalOrder.compareValues(null, null)).isZero();
    }

    @Test
    void numbersCompareNumerically() {
        Schema schema = SchemaBuilder.record("r").fields().requiredLong("n").endRecord();
        List<GenericRecord> rows = new ArrayList<>();
        for (long n : new long[] {10, -3, 2, Long.MIN_VALUE, 0}) {
            GenericRecord r = new GenericData.Record(schema);
            r.put(0, n);
            rows.add(r);
        }
        assertThat(sort(rows))
                .extracting(r -> (Long) r.get(0))
                .containsExactly(Long.MIN_VALUE, -3L, 0L, 2L, 10L);
        assertThat(CanonicalOrder.compareValues(-0.0, 0.0)).isZero();
        assertThat(CanonicalOrder.compareValues(1.5, 2.0)).isNegative();
        assertThat(CanonicalOrder.compareValues(3, 2L)).isPositive();
    }

    @Test
    void namesDependOnChecksumAndRowsOnly() {
        String h = CanonicalOrder.contentHash("00ff00ff00ff00ff", 42);
        assertThat(h).matches("[0-9a-f]{16}");
        assertThat(CanonicalOrder.contentHash("00FF00FF00FF00FF", 42)).isEqualTo(h);
        assertThat(CanonicalOrder.contentHash("00ff00ff00ff00ff", 43)).isNotEqualTo(h);
        assertThat(CanonicalOrder.contentHash("00ff00ff00ff00fe", 42)).isNotEqualTo(h);
        assertThat(CanonicalOrder.fileName(h, 0)).isEqualTo("part-" + h + "-00000.parquet");
        assertThat(CanonicalOrder.fileName(h, 12)).isEqualTo("part-" + h + "-00012.parquet");
    }

    @Test
    void canonicalOnlyForTheWholeNumberedSequence() {
        String h = CanonicalOrder.contentHash("0000000000000001", 1);
        String f0 = CanonicalOrder.fileName(h, 0);
        String f1 = CanonicalOrder.fileName(h, 1);
        assertThat(CanonicalOrder.isCanonical(List.of(f0), h)).isTrue();
        assertThat(CanonicalOrder.isCanonical(List.of(f0, f1), h)).isTrue();
        assertThat(CanonicalOrder.isCanonical(List.of(f1), h)).isFalse();
        assertThat(CanonicalOrder.isCanonical(List.of(f0, "part-0.parquet"), h)).isFalse();
        assertThat(CanonicalOrder.isCanonical(List.of(), h)).isFalse();
        String other = CanonicalOrder.contentHash("0000000000000002", 1);
        assertThat(CanonicalOrder.isCanonical(List.of(CanonicalOrder.fileName(other, 0)), h))
                .isFalse();
    }
}
