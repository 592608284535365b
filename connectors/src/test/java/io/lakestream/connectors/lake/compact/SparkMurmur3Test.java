package io.lakestream.connectors.lake.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.connectors.lake.PartitionManifest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.util.Utf8;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

/**
 * The Spark-compatible hash against values published by Apache Spark itself, and against an
 * independent MurmurHash3 implementation (Apache Commons Codec) where Spark's variant and the
 * reference algorithm must agree.
 */
class SparkMurmur3Test {

    /** Spark's {@code Murmur3_x86_32Suite.testKnownIntegerInputs} (seed 0). */
    @Test
    void intsAsInSparksMurmur3Suite() {
        assertThat(SparkMurmur3.hashInt(0, 0)).isEqualTo(593689054);
        assertThat(SparkMurmur3.hashInt(-42, 0)).isEqualTo(-189366624);
        assertThat(SparkMurmur3.hashInt(42, 0)).isEqualTo(-1134849565);
        assertThat(SparkMurmur3.hashInt(Integer.MIN_VALUE, 0)).isEqualTo(-1718298732);
        assertThat(SparkMurmur3.hashInt(Integer.MAX_VALUE, 0)).isEqualTo(-1653689534);
    }

    /** Spark's {@code Murmur3_x86_32Suite.testKnownLongInputs} (seed 0). */
    @Test
    void longsAsInSparksMurmur3Suite() {
        assertThat(SparkMurmur3.hashLong(0L, 0)).isEqualTo(1669671676);
        assertThat(SparkMurmur3.hashLong(-42L, 0)).isEqualTo(-846261623);
        assertThat(SparkMurmur3.hashLong(42L, 0)).isEqualTo(1871679806);
        assertThat(SparkMurmur3.hashLong(Long.MIN_VALUE, 0)).isEqualTo(1366273829);
        assertThat(SparkMurmur3.hashLong(Long.MAX_VALUE, 0)).isEqualTo(-2106506049);
    }

    /**
     * The PySpark documentation of {@code pyspark.sql.functions.hash}: {@code hash('ABC')} is
     * -757602832 and {@code hash('ABC', 'DEF')} 599895104 (columns are chained: the hash so far is
     * the seed of the next). Three-byte strings are all tail, so this pins Spark's per-byte tail.
     */
    @Test
    void stringsAsInPySparksHashDocs() {
        assertThat(BucketSpec.hash("ABC")).isEqualTo(-757602832);
        assertThat(BucketSpec.hash(new Utf8("ABC"))).isEqualTo(-757602832);
        int abc = SparkMurmur3.hashBytes(utf8("ABC"), 42);
        assertThat(SparkMurmur3.hashBytes(utf8("DEF"), abc)).isEqualTo(599895104);
    }

    /**
     * Spark SQL's own example for {@code hash} (the {@code Murmur3Hash} expression description and
     * the SQL function reference): {@code SELECT hash('Spark', array(123), 2)} is -1321691492. A
     * 5-byte string (one block and one tail byte), then the array's one int element, then the int
     * 2, each hashed with the result so far as the seed, starting from 42.
     */
    @Test
    void theSqlReferenceExample() {
        int h = SparkMurmur3.hashBytes(utf8("Spark"), 42);
        h = SparkMurmur3.hashInt(123, h);
        h = SparkMurmur3.hashInt(2, h);
        assertThat(h).isEqualTo(-1321691492);
    }

    /**
     * Where Spark's variant is the reference algorithm (whole blocks only, and ints and longs as 4
     * and 8 little-endian bytes) it must agree with an independent implementation; with a tail it
     * must not.
     */
    @Test
    void agreesWithTheReferenceAlgorithmWithoutATailAndDiffersWithOne() {
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            int seed = r.nextInt();
            byte[] bytes = new byte[4 * r.nextInt(20)];
            r.nextBytes(bytes);
            assertThat(SparkMurmur3.hashBytes(bytes, seed))
                    .isEqualTo(MurmurHash3.hash32x86(bytes, 0, bytes.length, seed));
            int v = r.nextInt();
            assertThat(SparkMurmur3.hashInt(v, seed))
                    .isEqualTo(MurmurHash3.hash32x86(le(4).putInt(v).array(), 0, 4, seed));
            long l = r.nextLong();
            assertThat(SparkMurmur3.hashLong(l, seed))
                    .isEqualTo(MurmurHash3.hash32x86(le(8).putLong(l).array(), 0, 8, seed));
        }
        byte[] abc = utf8("ABC");
        assertThat(SparkMurmur3.hashBytes(abc, 42))
                .isNotEqualTo(MurmurHash3.hash32x86(abc, 0, abc.length, 42));
    }

    @Test
    void bucketIdsArePositiveModuloAndNullIsTheSeed() {
        // pmod of the reference hashes above
        assertThat(new BucketSpec("c", 100).bucketOf("ABC")).isEqualTo(68); // -757602832
        assertThat(new BucketSpec("c", 7).bucketOf("ABC")).isZero();
        assertThat(new BucketSpec("c", 16).bucketOf(null)).isEqualTo(10); // 42 mod 16
        assertThat(new BucketSpec("c", 100).bucketOf(null)).isEqualTo(42);
        assertThat(new BucketSpec("c", 1).bucketOf("anything")).isZero();
        assertThat(new BucketSpec("c", 10).bucketOf(0)).isEqualTo(floorMod(hashInt42(0), 10));
        assertThat(new BucketSpec("c", 10).bucketOf(0L))
                .isEqualTo(floorMod(SparkMurmur3.hashLong(0L, 42), 10));
        assertThatThrownBy(() -> new BucketSpec("c", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BucketSpec.hash(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileNamesCarryTheBucketIdAsSparkParsesIt() {
        // Spark's BucketingUtils: bucketed file names match .*_(\d+)(?:\..*)?$
        Pattern spark = Pattern.compile(".*_(\\d+)(?:\\..*)?$");
        BucketSpec spec = new BucketSpec("user_id", 16);
        String h = spec.contentHash("00000000000000ff", 10);
        String name = BucketSpec.fileName(h, 3);
        assertThat(name).isEqualTo("part-" + h + "_00003.c000.parquet");
        Matcher m = spark.matcher(name);
        assertThat(m.matches()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(3);
        assertThat(BucketSpec.bucketOfFile(name)).isEqualTo(3);

        assertThat(spec.isLayout(List.of(BucketSpec.fileName(h, 0), name), h)).isTrue();
        assertThat(spec.isLayout(List.of(BucketSpec.fileName(h, 16)), h)).isFalse();
        assertThat(spec.isLayout(List.of(name, name), h)).isFalse();
        assertThat(spec.isLayout(List.of(CanonicalOrder.fileName(h, 0)), h)).isFalse();
        // another bucketing of the same rows gets other names
        assertThat(new BucketSpec("user_id", 8).contentHash("00000000000000ff", 10))
                .isNotEqualTo(h);
        assertThat(new BucketSpec("item_id", 16).contentHash("00000000000000ff", 10))
                .isNotEqualTo(h);
    }

    @Test
    void manifestRoundTrip() {
        BucketSpec spec = new BucketSpec("user_id", 16);
        PartitionManifest.Bucketing b = spec.toManifest();
        assertThat(b.hash).isEqualTo("spark-murmur3-x86-32-seed-42");
        assertThat(BucketSpec.of(b)).isEqualTo(spec);
        b.hash = "something-else";
        assertThat(BucketSpec.of(b)).isNull();
        assertThat(BucketSpec.of(null)).isNull();
    }

    @Test
    void onlyStringIntAndLongColumnsCanBeBucketed() {
        Schema schema =
                SchemaBuilder.record("r")
                        .fields()
                        .requiredString("s")
                        .optionalString("ns")
                        .requiredInt("i")
                        .optionalLong("nl")
                        .requiredDouble("d")
                        .name("ts")
                        .type(
                                org.apache.avro.LogicalTypes.timestampMillis()
                                        .addToSchema(Schema.create(Schema.Type.LONG)))
                        .noDefault()
                        .endRecord();
        assertThat(new BucketSpec("s", 4).columnIndex(schema, new StringBuilder())).isZero();
        assertThat(new BucketSpec("ns", 4).columnIndex(schema, new StringBuilder())).isEqualTo(1);
        assertThat(new BucketSpec("i", 4).columnIndex(schema, new StringBuilder())).isEqualTo(2);
        assertThat(new BucketSpec("nl", 4).columnIndex(schema, new StringBuilder())).isEqualTo(3);
        StringBuilder why = new StringBuilder();
        assertThat(new BucketSpec("d", 4).columnIndex(schema, why)).isNull();
        assertThat(why.toString()).contains("a double column");
        why.setLength(0);
        assertThat(new BucketSpec("ts", 4).columnIndex(schema, why)).isNull();
        assertThat(why.toString()).contains("timestamp-millis");
        why.setLength(0);
        assertThat(new BucketSpec("nope", 4).columnIndex(schema, why)).isNull();
        assertThat(why.toString()).contains("no column 'nope'").contains("s, ns, i");
    }

    private static int hashInt42(int v) {
        return SparkMurmur3.hashInt(v, 42);
    }

    private static int floorMod(int h, int n) {
        return ((h % n) + n) % n; // Spark's Pmod
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
