package io.lakestream.job.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.pipelines.job.RunMode;
import io.lakestream.pipelines.job.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTransportTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-26T23:59:00Z"), ZoneOffset.UTC);

    @TempDir Path lake;

    @Test
    void concurrentWritersAppendWholeLinesToTheDaysFile() throws Exception {
        String big = "x".repeat(20_000); // larger than any single buffer of a stream writer
        int writers = 4;
        int perWriter = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            done.add(
                    pool.submit(
                            () -> {
                                JsonLinesTransport t = new JsonLinesTransport(lake, CLOCK);
                                go.await();
                                for (int i = 0; i < perWriter; i++) {
                                    t.send(
                                            "{\"w\":"
                                                    + id
                                                    + ",\"i\":"
                                                    + i
                                                    + ",\"p\":\""
                                                    + big
                                                    + "\"}");
                                }
                                return null;
                            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<String> lines =
                Files.readAllLines(JsonLinesTransport.file(lake, LocalDate.of(2026, 11, 26)));
        assertThat(lines).hasSize(writers * perWriter);
        assertThat(lines).allMatch(l -> l.startsWith("{\"w\":") && l.endsWith(big + "\"}"));
    }

    @Test
    void aTransportThatFailsDoesNotFailTheRunNorStopTheOthers() {
        RunSpec spec =
                RunSpec.builder().mode(RunMode.STREAM).lake(lake.toString()).runId("r1").build();
        List<String> sent = new ArrayList<>();
        LineageTransport broken =
                new LineageTransport() {
                    @Override
                    public void send(String eventJson) throws IOException {
                        throw new IOException("connection refused");
                    }

                    @Override
                    public String describe() {
                        return "broken";
                    }
                };
        LineageTransport recording =
                new LineageTransport() {
                    @Override
                    public void send(String eventJson) {
                        sent.add(eventJson);
                    }

                    @Override
                    public String describe() {
                        return "recording";
                    }
                };
        RunLineage lineage =
                new RunLineage(
                        spec,
                        List.of("events"),
                        List.of(broken, recording),
                        QualityFacets.NONE,
                        CLOCK);

        lineage.started();
        lineage.completed();
        lineage.failed(new RuntimeException("boom"));

        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).contains("\"eventType\":\"START\"");
        assertThat(sent.get(1)).contains("\"eventType\":\"COMPLETE\"");
        assertThat(sent.get(2)).contains("\"eventType\":\"FAIL\"");
    }

    @Test
    void aBadLineageUrlIsRefusedWithTheOptionsName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LineageConfig.of("ftp://x/y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--lineage-url");
        assertThat(LineageConfig.of(null)).isEqualTo(LineageConfig.FILES_ONLY);
        assertThat(LineageConfig.of("http://localhost:5000/api/v1/lineage").httpUrl().getPort())
                .isEqualTo(5000);
    }
}
