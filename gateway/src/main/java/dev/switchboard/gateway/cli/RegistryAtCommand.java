package dev.switchboard.gateway.cli;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.audit.timeline.RegistryRow;
import dev.switchboard.audit.timeline.RegistrySnapshot;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code registry-at --position P | --time T}: the registry as it stood then, replayed from the log. */
@Command(
        name = "registry-at",
        header = "Prints the registry as it stood at a position or an instant.",
        mixinStandardHelpOptions = true,
        description = "Replays the log up to a position or an instant, from the nearest registry checkpoint before it, "
                + "and prints the registry as it stood then.")
final class RegistryAtCommand extends LogReport {

    @ArgGroup(multiplicity = "1")
    Moment moment;

    @ArgGroup(exclusive = true)
    Only only;

    static final class Only {
        @Option(names = "--state", paramLabel = "<state>", description = "only connections in this state, e.g. READY")
        ConnectionState state;

        @Option(
                names = "--live",
                description = "only connections that were not closed (opened, authenticated or ready); closed rows, "
                        + "most of an old registry, are not read")
        boolean live;
    }

    static final class Moment {
        @Option(names = "--position", paramLabel = "<position>", description = "a log position")
        Long position;

        @Option(names = "--time", paramLabel = "<instant>", description = "an ISO instant, e.g. 2026-11-28T14:03:00Z")
        String time;
    }

    @Override
    public Integer call() {
        var dataSource = database.dataSource();
        var checkpoints = new RegistryCheckpoints(dataSource);
        if (!checkpoints.inPlace()) {
            spec.commandLine()
                    .getErr()
                    .println("note: this database has no registry checkpoints of this version (a node of this "
                            + "version makes them); replaying from the beginning of the log");
        }
        RegistryAt registryAt =
                new RegistryAt(archive.wholeLog(dataSource), checkpoints.inPlace() ? checkpoints : null);
        Set<ConnectionState> states =
                only == null ? RegistryAt.ALL : only.live ? RegistryAt.LIVE : EnumSet.of(only.state);
        RegistrySnapshot snapshot = moment.position != null
                ? registryAt.at(moment.position, states)
                : registryAt.atTime(instant(moment.time), states);
        List<RegistryRow> rows = snapshot.connections();
        if (output.json) {
            output.json(spec.commandLine().getOut(), snapshot);
            return 0;
        }
        spec.commandLine().getOut().println("registry at position " + snapshot.position());
        Output.table(
                spec.commandLine().getOut(),
                List.of("CONNECTION", "PRELIMINARY", "USER", "NODE", "STATE"),
                rows.stream()
                        .map(row -> List.of(
                                row.connectionId(),
                                row.preliminaryId(),
                                Output.cell(row.userId()),
                                row.nodeId(),
                                row.state().name()))
                        .toList());
        return 0;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliFailure(CliFailure.USAGE, "--time takes an ISO instant such as 2026-11-28T14:03:00Z");
        }
    }
}
