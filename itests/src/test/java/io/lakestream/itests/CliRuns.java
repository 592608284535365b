package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.cli.LakestreamCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code lakestream run} through the command line, as the integration tests call it. */
final class CliRuns {

    private CliRuns() {}

    /** Runs {@code pipelines} of {@code topic} into {@code lake}; asserts exit code 0. */
    static void run(
            String bootstrap,
            Path stateDir,
            String topic,
            Path lake,
            String pipelines,
            String... extra) {
        List<String> args = new ArrayList<>(runArgs(bootstrap, stateDir, topic, lake, pipelines));
        args.addAll(List.of(extra));
        assertThat(LakestreamCli.execute(args.toArray(String[]::new))).isZero();
    }

    /**
     * As {@link #run}, and returns what the command printed on stdout (which is the JVM's stdout
     * again afterwards).
     */
    static String runCapturingOutput(
            String bootstrap,
            Path stateDir,
            String topic,
            Path lake,
            String pipelines,
            String... extra) {
        CliRun run = captureRun(bootstrap, stateDir, topic, lake, pipelines, extra);
        assertThat(run.code()).as(run.err()).isZero();
        return run.out();
    }

    /** As {@link #runCapturingOutput}, whatever the exit code: for runs that must fail. */
    static CliRun captureRun(
            String bootstrap,
            Path stateDir,
            String topic,
            Path lake,
            String pipelines,
            String... extra) {
        List<String> args = new ArrayList<>(runArgs(bootstrap, stateDir, topic, lake, pipelines));
        args.addAll(List.of(extra));
        return capture(args.toArray(String[]::new));
    }

    /**
     * Runs {@code lakestream args...} capturing its exit code and output ({@link CliRun}), and
     * echoes the output afterwards, so the test log still shows it.
     */
    static CliRun capture(String... args) {
        CliRun run = CliRun.of(args);
        System.out.print(run.out());
        System.err.print(run.err());
        return run;
    }

    /**
     * {@code run} of a one-day backfill of a topic that does not exist, with {@code config}: it
     * gets as far as the planner's first Kafka request, which is what tests of the messages about
     * connecting to Kafka need.
     */
    static CliRun backfillOfAbsentTopic(Path config, String bootstrap, Path work) {
        return capture(
                "run",
                "--config",
                config.toString(),
                "--pipelines",
                "ingest",
                "--mode",
                "backfill",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-01",
                "--lake",
                work.resolve("lake-" + System.nanoTime()).toString(),
                "--bootstrap",
                bootstrap,
                "--topic",
                "events-absent",
                "--web-ui-port",
                "0",
                "--state-dir",
                work.resolve("state").toString());
    }

    /** The files under {@code dir} whose bytes contain {@code text} (a canary secret). */
    static List<Path> filesContaining(Path dir, String text) throws IOException {
        List<Path> hits = new ArrayList<>();
        if (!Files.exists(dir)) {
            return hits;
        }
        String needle =
                new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                        .contains(needle)) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }

    private static List<String> runArgs(
            String bootstrap, Path stateDir, String topic, Path lake, String pipelines) {
        return List.of(
                "run",
                "--pipelines",
                pipelines,
                "--lake",
                lake.toString(),
                "--bootstrap",
                bootstrap,
                "--topic",
                topic,
                "--web-ui-port",
                "0",
                "--checkpoint-interval",
                "PT1S",
                "--state-dir",
                stateDir.toString());
    }

    /** {@code lakestream verify --lake a --against b}: its exit code. */
    static int verify(Path a, Path b) {
        return LakestreamCli.execute("verify", "--lake", a.toString(), "--against", b.toString());
    }
}
