package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes on the {@code run} command line: one line on stderr, exit code 2, no stack trace. */
class RunCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no --lake|--pipelines ingest --mode stream|Missing required option: '--lake",
                "no --mode|--pipelines ingest --lake /tmp/l|Missing required option: '--mode",
                "bad mode|--pipelines ingest --mode batch --lake /tmp/l|--mode must be stream or backfill",
                "unknown pipeline|--pipelines ingest,dua --mode stream --lake /tmp/l|unknown pipeline 'dua'; known: ingest, user_daily",
                "--from after --to|--pipelines ingest --mode backfill --lake /tmp/l --from 2026-11-03 --to 2026-11-01|--from 2026-11-03 is after --to 2026-11-01",
                "--from without --to|--pipelines ingest --mode backfill --lake /tmp/l --from 2026-11-03|--from and --to go together",
                "backfill without range|--pipelines ingest --mode backfill --lake /tmp/l|a backfill needs --from and --to",
                "range on a stream|--pipelines ingest --mode stream --lake /tmp/l --from 2026-11-01 --to 2026-11-02|--from/--to apply to backfills only",
                "bad date|--pipelines ingest --mode backfill --lake /tmp/l --from 2026-13-01 --to 2026-11-02|Invalid value for option '--from'",
                "bad duration|--pipelines ingest --mode stream --lake /tmp/l --max-delay 10m|Invalid value for option '--max-delay'",
                "lake source rebuilding events|--pipelines ingest --mode backfill --lake /tmp/l --from 2026-11-01 --to 2026-11-02 --source lake|--source lake reads the events table, so it cannot rebuild it",
                "lake source on a stream|--pipelines dau --mode stream --lake /tmp/l --source lake+kafka|--source lake+kafka applies to backfills only",
                "bad source|--pipelines dau --mode backfill --lake /tmp/l --from 2026-11-01 --to 2026-11-02 --source s3|--source must be kafka, lake or lake+kafka",
                "empty lake|--pipelines dau --mode backfill --lake target/no-such-lake --from 2026-11-01 --to 2026-11-02 --source lake --web-ui-port 0|has no committed events partition from 2026-11-01 to 2026-11-02",
                "bad --until|--pipelines ingest --mode stream --lake /tmp/l --until tomorrow|--until takes 'latest'",
                "checkpoints too often|--pipelines ingest --mode stream --lake /tmp/l --checkpoint-interval PT0.005S|--checkpoint-interval must be at least 10 ms",
                "bad --compact-on-publish|--pipelines ingest --mode stream --lake /tmp/l --compact-on-publish 12XB|--compact-on-publish 12XB is not a size",
                "quarantine rate of 1|--pipelines ingest --mode stream --lake /tmp/l --max-quarantine-rate 1|--max-quarantine-rate must be a fraction in [0, 1)",
                "quarantine rate not a number|--pipelines ingest --mode stream --lake /tmp/l --max-quarantine-rate 5%|Invalid value for option '--max-quarantine-rate'",
                "empty quarantine window|--pipelines ingest --mode stream --lake /tmp/l --max-quarantine-rate 0.05 --quarantine-window 0|--quarantine-window must be 1..10000000 records",
                "bad --salting|--pipelines training_examples --mode stream --lake /tmp/l --salting on|--salting must be auto or off, was 'on'",
                "zero idle timeout|--pipelines ingest --mode stream --lake /tmp/l --idle-timeout PT0S|--idle-timeout must be positive",
                "bad --progress|--pipelines ingest --mode backfill --lake /tmp/l --from 2026-11-01 --to 2026-11-02 --web-ui-port 0 --progress fancy|--progress must be auto, bar, lines or none (got 'fancy')",
            })
    void userMistakesAreOneLine(String name, String args, String message) {
        CliRun run = CliRun.of(("run " + args).split(" "));
        assertThat(run.code()).as(name).isEqualTo(2);
        assertThat(run.err()).as(name).contains(message).doesNotContain("\tat ");
        assertThat(run.err().lines().filter(l -> l.startsWith("lakestream:")).count())
                .as(name)
                .isEqualTo(1);
    }

    @Test
    void compactOnPublishIsOffByDefaultAnd128MiBWithoutASize() {
        assertThat(spec().compactOnPublishBytes).isZero();
        assertThat(spec("--compact-on-publish").compactOnPublishBytes).isEqualTo(128L << 20);
        assertThat(spec("--compact-on-publish", "4MB").compactOnPublishBytes).isEqualTo(4L << 20);
    }

    @Test
    void theQuarantineRateLimitIsOffByDefault() {
        assertThat(spec().quarantineLimit.isOff()).isTrue();
        var limit = spec("--max-quarantine-rate", "0.05").quarantineLimit;
        assertThat(limit.maxRate()).isEqualTo(0.05);
        assertThat(limit.window()).isEqualTo(10_000);
        assertThat(
                        spec("--max-quarantine-rate", "0", "--quarantine-window", "50")
                                .quarantineLimit
                                .allowed())
                .isZero();
        assertThat(spec().idleTimeout).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    private static io.lakestream.pipelines.job.RunSpec spec(String... extra) {
        RunCommand command = new RunCommand();
        java.util.List<String> args =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                "--pipelines", "ingest", "--mode", "stream", "--lake", "/tmp/l"));
        args.addAll(java.util.List.of(extra));
        new picocli.CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.spec();
    }

    @Test
    void aTakenWebUiPortIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRun run =
                    CliRun.of(
                            "run",
                            "--pipelines",
                            "ingest",
                            "--mode",
                            "stream",
                            "--lake",
                            "/tmp/l",
                            "--web-ui-port",
                            String.valueOf(taken.getLocalPort()));
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err())
                    .startsWith("lakestream: port " + taken.getLocalPort() + " is in use")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void anUnreachableBrokerIsOneLineNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CliRun run =
                CliRun.of(
                        "run",
                        "--pipelines",
                        "ingest",
                        "--mode",
                        "stream",
                        "--lake",
                        "/tmp/l",
                        "--web-ui-port",
                        "0",
                        "--bootstrap",
                        "127.0.0.1:" + port);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("lakestream: Kafka at 127.0.0.1:" + port + " did not answer")
                .contains("bin/lakestream kafka start")
                .doesNotContain("\tat ");
    }

    @Test
    void theHelpNamesEveryPipeline() {
        CliRun run = CliRun.of("run", "--help");
        assertThat(run.code()).isZero();
        for (String name : io.lakestream.pipelines.Pipelines.names()) {
            assertThat(run.out()).contains(name);
        }
    }
}
