package dev.switchboard.gateway.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The audit tools in the node's jar: {@code java -jar switchboard.jar <command> ...}. They read the log's database
 * directly and need no node running (an audit on a restored backup).
 */
@Command(
        name = "switchboard.jar",
        mixinStandardHelpOptions = true,
        description = "Audit and replay tools for a Switchboard event log.",
        subcommands = {
            HistoryCommand.class,
            TimelineCommand.class,
            RegistryAtCommand.class,
            ExportFixtureCommand.class,
            RebuildCommand.class,
            VerifyCommand.class
        })
public final class AuditCommands {

    private static final Set<String> NAMES =
            Set.of("history", "timeline", "registry-at", "export-fixture", "rebuild", "verify");

    private AuditCommands() {}

    /** Whether {@code main} should hand these arguments to the audit tools rather than start a node. */
    public static boolean handles(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        var commandLine = new CommandLine(new AuditCommands())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    line.getErr().println(failure.getMessage());
                    return failure instanceof CliFailure known ? known.exitCode() : CliFailure.FOUND_PROBLEMS;
                });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }
}
