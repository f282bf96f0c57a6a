package dev.switchboard.gateway.cli;

import dev.switchboard.audit.archive.ArchiveCorruptException;
import dev.switchboard.gateway.auth.TokenCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of {@code java -jar switchboard.jar}. With no argument, or only Spring's {@code --name=value}
 * options, the jar starts a node ({@code SwitchboardApplication}); with a command word it runs that tool and exits
 * without starting one. Anything else is a mistake: it prints what was wrong and the usage, and exits 2, rather than
 * start a node that nobody asked for.
 */
@Command(
        name = "java -jar switchboard.jar",
        mixinStandardHelpOptions = true,
        versionProvider = SwitchboardCommands.Version.class,
        customSynopsis = {
            "java -jar switchboard.jar [--<property>=<value>...]   starts a node",
            "       java -jar switchboard.jar <command> [<options>]       runs a tool",
        },
        description = {
            "Starts a Switchboard node, or runs one of its tools without starting one.",
            "A node's settings are Spring Boot properties, as --<property>=<value> or from the environment "
                    + "(--server.port=9000 or SERVER_PORT=9000); README.md lists them."
        },
        subcommands = {
            HelpCommand.class,
            TokenCommand.class,
            HistoryCommand.class,
            TimelineCommand.class,
            RegistryAtCommand.class,
            ExportFixtureCommand.class,
            RebuildCommand.class,
            VerifyCommand.class,
            ArchiveCommand.class
        })
public final class SwitchboardCommands implements Runnable {

    @Spec
    CommandSpec spec;

    private SwitchboardCommands() {}

    /** Whether the arguments are a node's: none at all, or only Spring's {@code --name[=value]} options. */
    public static boolean startANode(String... args) {
        var ownOptions = commandLine().getCommandSpec().optionsMap().keySet();
        return Arrays.stream(args)
                .allMatch(arg -> arg.startsWith("--") && arg.length() > 2 && !ownOptions.contains(arg));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        int exitCode = commandLine()
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(SwitchboardCommands::misuse)
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    if (failure instanceof ArchiveCorruptException damaged) {
                        line.getErr().println("the archive is damaged: " + damaged.getMessage());
                        return CliFailure.ARCHIVE_DAMAGED;
                    }
                    line.getErr().println(failure.getMessage());
                    return failure instanceof CliFailure known ? known.exitCode() : CliFailure.FOUND_PROBLEMS;
                })
                .execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /** Reached with no command word, as after a bare {@code --}: an empty argument list starts a node in main. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    private static CommandLine commandLine() {
        return new CommandLine(new SwitchboardCommands());
    }

    /**
     * A mistake on the command line: one line saying what, the closest command words if any, and always the usage of
     * the command concerned (picocli's own handler leaves the usage out whenever it has a suggestion).
     */
    private static int misuse(ParameterException problem, String[] args) {
        CommandLine line = problem.getCommandLine();
        PrintWriter err = line.getErr();
        String what = problem.getMessage();
        if (problem instanceof UnmatchedArgumentException unmatched
                && !unmatched.isUnknownOption()
                && line.getParent() == null) {
            what = "Unknown command: " + unmatched.getUnmatched().get(0);
        }
        err.println(what);
        UnmatchedArgumentException.printSuggestions(problem, err);
        line.usage(err);
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = SwitchboardCommands.class.getPackage().getImplementationVersion();
            return new String[] {"switchboard " + (version == null ? "(not a packaged build)" : version)};
        }
    }
}
