package io.lakestream.deploy.cli;

import picocli.CommandLine.Command;

/** Placeholder until the {@code verify} command lands. */
@Command(name = "verify", description = "Not available yet.")
final class VerifyCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'verify' is not available in this build");
    }
}
