package io.lakestream.deploy.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code generate} command lands. */
@Command(name = "generate", description = "Not available yet.")
final class GenerateCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'generate' is not available in this build");
    }
}
