package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes on the {@code submit} command line: one line on stderr, exit code 2. */
class SubmitCommandTest {

    private static final String RUN = " --pipelines ingest --mode stream --lake /tmp/l";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no --jobmanager|--jar pom.xml|Missing required option: '--jobmanager",
                "bad --jobmanager|--jobmanager localhost --jar pom.xml|--jobmanager must be HOST:PORT",
                "no jar|--jobmanager localhost:8081 --jar no/such.jar|no job jar at no/such.jar",
                "bad mode|--jobmanager localhost:8081 --jar pom.xml --mode batch|--mode must be stream or backfill",
            })
    void userMistakesAreOneLine(String name, String args, String message) {
        String line =
                "submit "
                        + args
                        + (args.contains("--mode") ? " --pipelines ingest --lake /tmp/l" : RUN);
        assertOneLine(name, CliRun.of(line.split(" ")), message);
    }

    @Test
    void anUnreachableClusterIsOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run =
                CliRun.of(
                        ("submit --jobmanager 127.0.0.1:" + port + " --jar pom.xml" + RUN)
                                .split(" "));
        assertOneLine("unreachable", run, "no Flink cluster answers at 127.0.0.1:" + port);
    }

    private static void assertOneLine(String name, CliRun run, String message) {
        assertThat(run.code()).as(name).isEqualTo(2);
        assertThat(run.err()).as(name).contains(message).doesNotContain("\tat ");
        assertThat(run.err().lines().filter(l -> l.startsWith("lakestream:")).count())
                .as(name)
                .isEqualTo(1);
    }
}
