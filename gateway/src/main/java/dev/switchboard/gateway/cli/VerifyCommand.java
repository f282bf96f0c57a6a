package dev.switchboard.gateway.cli;

import picocli.CommandLine.Command;

/**
 * {@code verify}: a rebuild that never repairs. It replays the log beside the live registry and prints every row that
 * differs; with no difference it changes nothing and exits 0, with any it exits 1.
 */
@Command(
        name = "verify",
        header = "Compares the live registry with a replay of the log.",
        mixinStandardHelpOptions = true,
        description = "Replays the log beside the live registry and prints every difference; exits 1 if any.")
final class VerifyCommand extends ReplayAndCompareCommand {

    @Override
    boolean repair() {
        return false;
    }
}
