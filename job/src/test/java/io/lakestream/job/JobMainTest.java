package io.lakestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The job jar's entry on bad arguments: one line on stderr, exit status 2, no stack trace. */
class JobMainTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no command||a sub-command is required: run",
                "unknown command|compact|Unmatched argument",
                "no --lake|run --pipelines ingest --mode stream|Missing required option: '--lake",
                "bad mode|run --pipelines ingest --mode batch --lake /tmp/l|--mode must be stream or backfill",
                "unknown pipeline|run --pipelines dua --mode stream --lake /tmp/l|unknown pipeline 'dua'",
                "backfill without range|run --pipelines ingest --mode backfill --lake /tmp/l|a backfill needs --from and --to",
                "bad --until|run --pipelines ingest --mode stream --lake /tmp/l --until soon|--until takes 'latest'",
                "checkpoints too often|run --pipelines ingest --mode stream --lake /tmp/l --checkpoint-interval PT0.001S|--checkpoint-interval must be at least 10 ms",
                "URI lake|run --pipelines ingest --mode stream --lake s3://bucket/lake|--lake must be a folder, not a URI (s3://...)",
                "bad size|run --pipelines ingest --mode stream --lake /tmp/l --compact-on-publish 3XB|--compact-on-publish 3XB is not a size",
                "no savepoint|run --pipelines ingest --mode stream --lake /tmp/l --from-savepoint target/no-such-savepoint|no savepoint at target/no-such-savepoint",
                "not a savepoint|run --pipelines ingest --mode stream --lake /tmp/l --from-savepoint src|src is not a savepoint or checkpoint (it has no _metadata file)",
                "savepoint of a backfill|run --pipelines ingest --mode backfill --lake /tmp/l --from 2026-11-01 --to 2026-11-02 --from-savepoint src|--from-savepoint restores a stream",
                "empty lake|run --pipelines dau --mode backfill --lake target/no-such-lake --from 2026-11-01 --to 2026-11-02 --source lake|has no committed events partition",
            })
    void mistakesAreOneLineWithStatus2(String name, String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = JobMain.execute(args == null ? new String[0] : args.split(" "));
        } finally {
            System.setErr(old);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(name).isEqualTo(JobMain.USAGE);
        assertThat(out).as(name).startsWith("lakestream: ").contains(message);
        assertThat(out.lines().count()).as(name + ": " + out).isEqualTo(1);
    }

    @Test
    void aConfigFileGivesDefaultsAndFlagsWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lakestream.yaml");
        Files.writeString(
                file,
                "pipelines: [ingest, dau]\nrun.mode: stream\nlake.path: /tmp/l\n"
                        + "kafka: {topic: from-file, max-delay: 5 min}\n"
                        + "checkpoint: {timeout: 2 min, dir: file:///shared/cp}\n");
        CommandLine cli = new CommandLine(new JobMain());
        ParseResult parsed =
                cli.parseArgs("run", "--config", file.toString(), "--topic", "from-flag");
        JobMain.Run run = (JobMain.Run) parsed.subcommand().commandSpec().userObject();
        assertThat(run.job.pipelines).containsExactly("ingest", "dau");
        assertThat(run.job.kafka.topic).isEqualTo("from-flag");
        assertThat(run.job.kafka.maxDelay).isEqualTo(Duration.ofMinutes(5));
        assertThat(run.job.kafka.lookback).isEqualTo(Duration.ofDays(2));
        assertThat(run.job.checkpointDir).isEqualTo("file:///shared/cp");
        assertThat(run.job.checkpoints().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(run.job.spec().maxDelay).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBadConfigFileIsOneLineWithStatus2(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lakestream.yaml");
        Files.writeString(file, "kafka:\n  max-delay: ten minutes\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = JobMain.execute("run", "--config", file.toString(), "--lake", "/tmp/l");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(JobMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "lakestream: "
                                + file
                                + ": kafka.max-delay: expected a duration (ISO-8601 like PT10M or"
                                + " P2D, or like 10 min, 10s, 2 d), was 'ten minutes'"
                                + System.lineSeparator());
    }
}
