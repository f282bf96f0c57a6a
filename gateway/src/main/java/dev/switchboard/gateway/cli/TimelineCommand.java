package dev.switchboard.gateway.cli;

import dev.switchboard.audit.timeline.LogBound;
import dev.switchboard.audit.timeline.LogWindow;
import dev.switchboard.audit.timeline.Timeline;
import dev.switchboard.audit.timeline.TimelineStep;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.audit.timeline.UserStreams;
import java.util.List;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code timeline <id>}, {@code timeline --user U}, {@code timeline --from P --to Q}: the log re-run through the
 * aggregate and the registry projection in a sandbox, step by step, in true log order.
 */
@Command(
        name = "timeline",
        header = "Replays a connection, a user or a log window step by step.",
        mixinStandardHelpOptions = true,
        description = "Replays a connection, a user or a window of the log and prints every step with its states.")
final class TimelineCommand extends LogReport {

    @Parameters(arity = "0..1", paramLabel = "<connection-id>", description = "a connection, by either id")
    String connectionId;

    @Option(names = "--user", paramLabel = "<user-id>", description = "all connections of this user, interleaved")
    String userId;

    @Option(names = "--from", paramLabel = "<position|instant>", description = "window start (inclusive)")
    String from;

    @Option(names = "--to", paramLabel = "<position|instant>", description = "window end (inclusive)")
    String to;

    @Override
    public Integer call() {
        DataSource dataSource = database.dataSource();
        Timelines timelines = new Timelines(archive.eventLog(dataSource), UserStreams.registryTable(dataSource));
        Timeline timeline = timeline(timelines);
        if (output.json) {
            output.json(spec.commandLine().getOut(), timeline);
        } else {
            Output.table(
                    spec.commandLine().getOut(),
                    List.of("POSITION", "TIME", "NODE", "CONNECTION", "EVENT", "STATE", "NOTE"),
                    timeline.steps().stream().map(TimelineCommand::row).toList());
        }
        return 0;
    }

    private Timeline timeline(Timelines timelines) {
        LogWindow window = new LogWindow(bound(from), bound(to));
        if (connectionId != null) {
            return timelines
                    .ofConnection(connectionId)
                    .orElseThrow(
                            () -> new CliFailure(CliFailure.NOT_FOUND, "no events for connection " + connectionId));
        }
        if (userId != null) {
            return timelines.ofUser(userId, window);
        }
        if (from == null && to == null) {
            throw new CliFailure(CliFailure.USAGE, "name a connection, a --user, or a window with --from/--to");
        }
        return timelines.ofWindow(window);
    }

    private static LogBound bound(String text) {
        try {
            return text == null ? null : LogBound.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(CliFailure.USAGE, e.getMessage());
        }
    }

    private static List<String> row(TimelineStep step) {
        return List.of(
                Long.toString(step.position()),
                Output.cell(step.timestamp()),
                Output.cell(step.nodeId()),
                Output.cell(step.connectionId()),
                step.type(),
                StepNotes.states(step),
                StepNotes.note(step));
    }
}
