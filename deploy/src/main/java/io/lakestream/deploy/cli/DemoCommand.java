package io.lakestream.deploy.cli;

import io.lakestream.deploy.demo.Demo;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakestream demo}: the whole story on sample data, end to end, on this machine. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Kafka broker, generates events over several days, runs ingest + user_daily as"
                    + " a stream (--until latest) and as a backfill of the same dates into a second"
                    + " lake, verifies them against each other and prints a summary. The Flink web UI"
                    + " is on localhost:8081 while the jobs run."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "Distinct events (default ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--days",
            defaultValue = "3",
            description = "Days of event time (default ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--start",
            defaultValue = "2026-11-01",
            description = "First date (default ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--dir",
            defaultValue = ".lakestream/demo",
            description = "Working folder, wiped first (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--web-ui-port",
            defaultValue = "8081",
            description = "Flink web UI port, 0 for none (default ${DEFAULT-VALUE}).")
    int webUiPort;

    @Override
    public Integer call() throws Exception {
        if (events <= 0 || days <= 0) {
            throw new UserError("--events and --days must be positive");
        }
        Failures.requireFreePort(webUiPort, "--web-ui-port");
        return new Demo(dir, webUiPort).run(events, days, start, seed) ? 0 : 1;
    }
}
