package io.lakestream.connectors.lake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceOffsetsTest {

    @Test
    void recordsFirstAndLastOffsetPerPartitionAndParsesWhatItPrints() {
        SourceOffsets o = new SourceOffsets();
        o.record(1, 40);
        o.record(0, 12);
        o.record(1, 7);
        o.record(0, 10);
        assertThat(o).hasToString("0:[10,12],1:[7,40]");
        assertThat(SourceOffsets.parse(o.toString())).hasToString(o.toString());
    }

    @Test
    void mergesRanges() {
        SourceOffsets a = SourceOffsets.parse("0:[10,12]");
        a.merge(SourceOffsets.parse("0:[3,5],2:[1,1]"));
        assertThat(a).hasToString("0:[3,12],2:[1,1]");
        assertThat(SourceOffsets.parse("").isEmpty()).isTrue();
    }

    @Test
    void nextOffsetsAreLastPlusOneAndMalformedTextFailsClearly() {
        assertThat(SourceOffsets.parse("0:[3,12],2:[1,1]").nextOffsets())
                .containsExactly(java.util.Map.entry(0, 13L), java.util.Map.entry(2, 2L));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceOffsets.parse("0:3-12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p:[first,last]");
    }
}
