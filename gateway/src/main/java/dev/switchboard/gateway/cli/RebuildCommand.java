package dev.switchboard.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rebuild [--repair]}: rebuild the registry beside the live one, verify, and switch. */
@Command(
        name = "rebuild",
        header = "Rebuilds the registry from the log and switches to it.",
        mixinStandardHelpOptions = true,
        description = "Rebuilds the registry from the log beside the live one, verifies it, and switches; "
                + "exits 1 if the live registry differed and --repair was not given.")
final class RebuildCommand extends ReplayAndCompareCommand {

    @Option(names = "--repair", description = "replace live rows that differ from the replay (default: report them)")
    boolean repair;

    @Override
    boolean repair() {
        return repair;
    }
}
