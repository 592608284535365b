package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.deploy.cli.LakestreamCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<String> args =
                new ArrayList<>(
                        List.of(
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
                                stateDir.toString()));
        args.addAll(List.of(extra));
        assertThat(LakestreamCli.execute(args.toArray(String[]::new))).isZero();
    }

    /**
     * As {@link #run}, and returns what the command printed on stdout (which is the JVM's stdout
     * again afterwards).
     */
    static synchronized String runCapturingOutput(
            String bootstrap,
            Path stateDir,
            String topic,
            Path lake,
            String pipelines,
            String... extra) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            run(bootstrap, stateDir, topic, lake, pipelines, extra);
        } finally {
            System.out.flush();
            System.setOut(stdout);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        stdout.print(text);
        return text;
    }

    /** {@code lakestream verify --lake a --against b}: its exit code. */
    static int verify(Path a, Path b) {
        return LakestreamCli.execute("verify", "--lake", a.toString(), "--against", b.toString());
    }
}
