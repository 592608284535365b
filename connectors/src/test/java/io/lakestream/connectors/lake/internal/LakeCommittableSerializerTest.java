package io.lakestream.connectors.lake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LakeCommittableSerializerTest {

    private final LakeCommittableSerializer serializer = new LakeCommittableSerializer();

    private LakeCommittable roundTrip(LakeCommittable c) throws Exception {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(c));
    }

    @Test
    void fileCommittablesSurviveARoundTrip() throws Exception {
        LakeCommittable c =
                LakeCommittable.file(
                        "date=2026-11-01/hour=03",
                        "part-0.parquet",
                        7,
                        new byte[] {1, 2, 3},
                        10,
                        2048,
                        -5L,
                        100,
                        200,
                        "0:[1,9]");
        LakeCommittable back = roundTrip(c);
        assertThat(back.isFile()).isTrue();
        assertThat(back.partition()).isEqualTo(c.partition());
        assertThat(back.fileName()).isEqualTo(c.fileName());
        assertThat(back.recoverableVersion()).isEqualTo(7);
        assertThat(back.recoverable()).containsExactly(1, 2, 3);
        assertThat(back.rows()).isEqualTo(10);
        assertThat(back.bytes()).isEqualTo(2048);
        assertThat(back.checksum()).isEqualTo(-5L);
        assertThat(back.minTime()).isEqualTo(100);
        assertThat(back.maxTime()).isEqualTo(200);
        assertThat(back.sourceOffsets()).isEqualTo("0:[1,9]");
    }

    @Test
    void checkpointMarkersSurviveARoundTrip() throws Exception {
        LakeCommittable back = roundTrip(LakeCommittable.marker(1, 4));
        assertThat(back.isFile()).isFalse();
        assertThat(back.subtask()).isEqualTo(1);
        assertThat(back.subtasks()).isEqualTo(4);
    }
}
