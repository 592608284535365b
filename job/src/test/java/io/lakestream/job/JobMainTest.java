package io.lakestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
                "bad size|run --pipelines ingest --mode stream --lake /tmp/l --compact-on-publish 3XB|--compact-on-publish 3XB is not a size",
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
}
