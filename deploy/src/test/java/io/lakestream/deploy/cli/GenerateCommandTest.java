package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--events 0 --seed 1 | --events must be at least 1",
                "--events 10 | Missing required option: '--seed=<seed>'",
                "--events 10 --seed 1 --start 2026-13-01 | --start must be a date like 2026-11-01",
                "--events 10 --seed 1 --late-fraction 2 | --late-fraction must be between 0 and 1",
                "--events 10 --seed 1 --zipf x | Invalid value for option '--zipf'",
                "--events 10 --seed 1 --bootstrap localhost | --bootstrap must be HOST:PORT",
                "--events 10 --seed 1 --topic a/b | --topic must be 1-249 letters",
                "--events 10 --seed 1 --speed 0 | --speed must be a positive number",
                "--events 10 --seed 1 --speed NaN | --speed must be a positive number",
                "--events 10 --seed 1 --speed fast | Invalid value for option '--speed'",
                "--events 10 --seed 1 --start 2999-01-01 | in the future: Kafka refuses records",
                "--events 10 --seed 1 --kafka-security-protocol TLS | kafka.security-protocol",
                "--events 10 --seed 1 --kafka-username u | kafka.security-protocol is PLAINTEXT",
                "--events 10 --seed 1 --drift prices-in-cents | --drift and --drift-from go"
                        + " together",
                "--events 10 --seed 1 --drift cents --drift-from 2026-11-01 | --drift must be one"
                        + " of prices-in-cents, age-as-birth-date (got 'cents')",
                "--events 10 --seed 1 --drift prices-in-cents --drift-from 14:00 | --drift-from"
                        + " must be a time like 2026-11-02T14:00:00Z or a date (got '14:00')",
            })
    void userMistakesAreOneLineAndExitCode2(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = LakestreamCli.execute(("generate " + args).split(" "));
        } finally {
            System.setErr(old);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(out).startsWith("lakestream: ").contains(message).doesNotContain("\tat ");
    }
}
