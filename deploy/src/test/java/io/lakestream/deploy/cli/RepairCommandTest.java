package io.lakestream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakestream repair}: mistakes are one line and exit 2; a lake without late events is 0. */
class RepairCommandTest {

    @TempDir Path tmp;

    @Test
    void mistakesAreOneLineAndExitTwo() {
        assertOneLineError(CliRun.of("repair"), "--lake");
        assertOneLineError(
                CliRun.of("repair", "--lake", tmp.resolve("missing").toString()),
                "no such directory");
        assertOneLineError(
                CliRun.of("repair", "--lake", tmp.toString(), "--source", "s3"),
                "--source must be kafka, lake or lake+kafka");
        assertOneLineError(
                CliRun.of("repair", "--lake", tmp.toString(), "--since", "yesterday"), "--since");
        assertOneLineError(
                CliRun.of("repair", "--lake", tmp.toString(), "--parallelism", "0"),
                "--parallelism");
    }

    @Test
    void aLakeWithoutLateEventsHasNothingToRepair() throws Exception {
        Files.createDirectories(tmp.resolve("events"));
        CliRun run = CliRun.of("repair", "--lake", tmp.toString(), "--web-ui-port", "0");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("nothing to repair");
        assertThat(tmp.resolve(".repair")).doesNotExist();
    }

    @Test
    void helpDocumentsTheExitCodes() {
        CliRun run = CliRun.of("repair", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("0 nothing to restate").contains("3 partitions were");
    }

    private static void assertOneLineError(CliRun run, String mentions) {
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
        String first = run.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("lakestream: ").contains(mentions);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
