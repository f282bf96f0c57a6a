package dev.switchboard.gateway.cli;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.UnreadArchive;
import dev.switchboard.audit.timeline.LogBound;
import dev.switchboard.audit.timeline.LogWindow;
import dev.switchboard.audit.timeline.Timeline;
import dev.switchboard.audit.timeline.TimelineStep;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.audit.timeline.UserStreams;
import java.util.List;
import java.util.Optional;
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
        EventLog log = archive.eventLog(dataSource);
        Optional<UnreadArchive> unread = log.unreadArchive();
        Timeline timeline = timeline(new Timelines(log, UserStreams.registryTable(dataSource)), unread);
        unread.filter(missing -> timeline.fromPosition() <= missing.upToPosition())
                .ifPresent(missing ->
                        ArchiveOption.note(missing, spec.commandLine().getErr()));
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

    private Timeline timeline(Timelines timelines, Optional<UnreadArchive> unread) {
        LogWindow window = new LogWindow(bound(from), bound(to));
        if (connectionId != null) {
            return timelines
                    .ofConnection(connectionId)
                    .orElseThrow(() -> ArchiveOption.notFound("no events for connection " + connectionId, unread));
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
