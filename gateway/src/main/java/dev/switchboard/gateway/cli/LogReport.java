package dev.switchboard.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every audit command that prints a report of the log has: the database it reads, a table or {@code --json}, and
 * picocli's model of the command (for its output stream).
 */
abstract class LogReport implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    Output output;

    @Mixin
    ArchiveOption archive;

    @Spec
    CommandSpec spec;
}
