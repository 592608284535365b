package io.lakestream.deploy.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code kafka} command lands. */
@Command(name = "kafka", description = "Not available yet.")
final class KafkaCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'kafka' is not available in this build");
    }
}
