package io.lakestream.deploy.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code demo} command lands. */
@Command(name = "demo", description = "Not available yet.")
final class DemoCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'demo' is not available in this build");
    }
}
