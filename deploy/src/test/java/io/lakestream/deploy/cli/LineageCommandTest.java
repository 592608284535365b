package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageCommandTest {

    @TempDir Path work;

    @Test
    void aMissingLakeIsOneLineAndExitCode2() {
        CliRun run =
                CliRun.of(
                        "lineage",
                        "--lake",
                        work.resolve("nope").toString(),
                        "--html",
                        work.resolve("g.html").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("does not exist");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void aLakeWithoutLineageSaysHowToGetSome() throws Exception {
        Files.createDirectories(work.resolve("lake/events"));
        CliRun run =
                CliRun.of(
                        "lineage",
                        "--lake",
                        work.resolve("lake").toString(),
                        "--html",
                        work.resolve("g.html").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("no lineage in");
        assertThat(work.resolve("g.html")).doesNotExist();
    }

    @Test
    void writesThePageOfTheLakesEvents() throws Exception {
        Path dir = Files.createDirectories(work.resolve("lake/_lineage"));
        Files.writeString(
                dir.resolve("events-2026-11-26.jsonl"),
                "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-11-26T05:00:00Z\","
                        + "\"run\":{\"runId\":\"0b5d2c1e-0000-3000-8000-000000000000\"},"
                        + "\"job\":{\"namespace\":\"lakestream\",\"name\":\"ingest.stream\"},"
                        + "\"inputs\":[{\"namespace\":\"kafka://h:9092\",\"name\":\"events\"}],"
                        + "\"outputs\":[{\"namespace\":\"file\",\"name\":\"/l/events\"}]}\n"
                        + "{not json\n");
        Path html = work.resolve("out/g.html");
        CliRun run =
                CliRun.of(
                        "lineage",
                        "--lake",
                        work.resolve("lake").toString(),
                        "--html",
                        html.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 jobs, 2 datasets, 2 edges from 1 events", "1 unreadable");
        assertThat(Files.readString(html)).contains("data-id=\"kafka://h:9092|events\"");
    }
}
