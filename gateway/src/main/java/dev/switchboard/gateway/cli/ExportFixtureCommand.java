package dev.switchboard.gateway.cli;

import dev.switchboard.audit.fixture.RaceFixtureDocument;
import dev.switchboard.audit.fixture.RaceFixtureExporter;
import dev.switchboard.audit.fixture.RaceFixtureJson;
import dev.switchboard.audit.log.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export-fixture --connection ID ... --name N}: a window of the log as a race fixture, which the
 * {@code test-support} module replays through the aggregate and the projection as a regression test.
 */
@Command(
        name = "export-fixture",
        header = "Writes a window of the log as a JSON race fixture.",
        mixinStandardHelpOptions = true,
        description = "Writes the log around some connections as a JSON race fixture for a regression test.")
final class ExportFixtureCommand implements Callable<Integer> {

    @Option(
            names = "--connection",
            required = true,
            paramLabel = "<id>",
            description = "a connection the race involves (either id); repeat for several")
    List<String> connections;

    @Option(names = "--from", paramLabel = "<position>", description = "first position of the window (default 0)")
    long from;

    @Option(names = "--to", paramLabel = "<position>", description = "last position of the window (default: head)")
    Long to;

    @Option(names = "--name", required = true, paramLabel = "<name>", description = "the fixture's name")
    String name;

    @Option(names = "--description", paramLabel = "<text>", description = "what the race is")
    String description = "";

    @Option(names = "--out", paramLabel = "<file>", description = "write to this file instead of standard output")
    Path out;

    @Mixin
    DatabaseOptions database;

    @Mixin
    ArchiveOption archive;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        EventLog log = archive.wholeLog(database.dataSource());
        long upTo = to == null ? log.head() : to;
        RaceFixtureDocument fixture;
        try {
            fixture = new RaceFixtureExporter().export(log, connections, from, upTo, name, description);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.NOT_FOUND, e.getMessage());
        }
        if (fixture.window().isEmpty()) {
            throw new CliFailure(CliFailure.NOT_FOUND, "no events for " + connections + " up to position " + upTo);
        }
        if (out == null) {
            spec.commandLine().getOut().println(RaceFixtureJson.write(fixture));
        } else {
            RaceFixtureJson.write(fixture, out);
            spec.commandLine().getErr().println("wrote " + fixture.window().size() + " events to " + out);
        }
        return 0;
    }
}
