package io.lakestream.job.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunLineagePathTest {

    @Test
    void aFileUriAndAPathNameTheSameFolder() {
        assertThat(RunLineage.localPath("file:/tmp/lake")).isEqualTo(Path.of("/tmp/lake"));
        assertThat(RunLineage.localPath("file:///tmp/lake")).isEqualTo(Path.of("/tmp/lake"));
        assertThat(RunLineage.localPath("/tmp/lake")).isEqualTo(Path.of("/tmp/lake"));
        assertThat(RunLineage.localPath("lake")).isEqualTo(Path.of("lake"));
    }
}
