package io.lakestream.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a job runs on the embedded MiniCluster: shared by run and repair. */
final class LocalRunOptions {

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism.")
    int parallelism;

    @Option(
            names = "--state-dir",
            defaultValue = ".lakestream",
            description = "Local state (checkpoints); never inside the lake.")
    Path stateDir;

    @Option(
            names = "--web-ui-port",
            defaultValue = "8081",
            description = "Flink web UI port, 0 for none (default ${DEFAULT-VALUE}).")
    int webUiPort;

    /** One-line errors for values picocli accepts but a run cannot use. */
    void check() {
        if (parallelism < 1) {
            throw new UserError("--parallelism must be at least 1, was " + parallelism);
        }
        Failures.requireFreePort(webUiPort, "--web-ui-port");
    }
}
