package io.lakestream.deploy.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code run} command lands. */
@Command(name = "run", description = "Not available yet.")
final class RunCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'run' is not available in this build");
    }
}
