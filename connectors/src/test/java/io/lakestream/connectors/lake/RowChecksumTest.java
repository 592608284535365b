package io.lakestream.connectors.lake;

import static io.lakestream.connectors.lake.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RowChecksumTest {

    private final RowChecksum checksum = new RowChecksum();

    private long sum(List<GenericRecord> rows) {
        long s = 0;
        for (GenericRecord r : rows) {
            s += checksum.hash(r);
        }
        return s;
    }

    @Test
    void hashFollowsTheDocumentedCanonicalEncoding() {
        for (GenericRecord r : TestRows.rows("e", 30)) {
            assertThat(checksum.hash(r)).isEqualTo(TestRows.oracleHash(r));
        }
    }

    @Test
    void nonAsciiStringsAndAvroUtf8FollowTheEncodingToo() {
        List<GenericRecord> rows =
                List.of(
                        row("é-ü-€-\uD83D\uDE00", "日本", 1, 2.5, 33, 1_795_000_000_000L),
                        row("lone-\uD800-surrogate", "x", 2, -0.0, null, 1_795_000_000_001L),
                        row("", "", 0, 0.0, 0, 0L),
                        row("a".repeat(5000), "long", 3, 1e300, 120, -1L));
        for (GenericRecord r : rows) {
            assertThat(checksum.hash(r)).as(r.toString()).isEqualTo(TestRows.oracleHash(r));
            GenericRecord utf8 = new org.apache.avro.generic.GenericData.Record(r.getSchema());
            for (int i = 0; i < r.getSchema().getFields().size(); i++) {
                Object v = r.get(i);
                utf8.put(i, v instanceof String str ? new org.apache.avro.util.Utf8(str) : v);
            }
            assertThat(checksum.hash(utf8)).isEqualTo(TestRows.oracleHash(r));
        }
    }

    @Test
    void sumDoesNotDependOnRowOrder() {
        List<GenericRecord> rows = new ArrayList<>(TestRows.rows("e", 200));
        long before = sum(rows);
        Collections.shuffle(rows, new Random(7));
        assertThat(sum(rows)).isEqualTo(before).isEqualTo(TestRows.oracleChecksum(rows));
    }

    @Test
    void sumChangesWhenOneRowChanges() {
        List<GenericRecord> rows = new ArrayList<>(TestRows.rows("e", 200));
        long before = sum(rows);
        GenericRecord changed = row("e-17", "user-3", 17, 21.26, 37, 1_795_000_017_000L);
        rows.set(17, changed);
        assertThat(sum(rows)).isNotEqualTo(before);
    }

    @Test
    void sumChangesWhenARowIsMissingOrDuplicated() {
        List<GenericRecord> rows = new ArrayList<>(TestRows.rows("e", 50));
        long before = sum(rows);
        assertThat(sum(rows.subList(1, rows.size()))).isNotEqualTo(before);
        rows.add(rows.get(3));
        assertThat(sum(rows)).isNotEqualTo(before);
    }

    @Test
    void nullAndEmptyStringHashDifferently() {
        assertThat(checksum.hash(row("a", null, 1, 1.0, null, 0)))
                .isNotEqualTo(checksum.hash(row("a", "", 1, 1.0, null, 0)));
    }

    @Test
    void negativeZeroHashesLikeZero() {
        assertThat(checksum.hash(row("a", "u", 1, -0.0, 3, 0)))
                .isEqualTo(checksum.hash(row("a", "u", 1, 0.0, 3, 0)));
    }

    @Test
    void formatIsSixteenHexDigits() {
        assertThat(RowChecksum.format(255)).isEqualTo("00000000000000ff");
        assertThat(RowChecksum.format(-1)).isEqualTo("ffffffffffffffff");
    }
}
