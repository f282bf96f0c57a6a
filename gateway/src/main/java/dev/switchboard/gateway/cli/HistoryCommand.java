package dev.switchboard.gateway.cli;

import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.audit.log.UnreadArchive;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code history <id>}: every event of one connection, its preliminary and final id together, in log order. */
@Command(
        name = "history",
        header = "Prints every event of one connection, in log order.",
        mixinStandardHelpOptions = true,
        description = "Prints every event of one connection (either id), refusals included, in log order.")
final class HistoryCommand extends LogReport {

    @Parameters(paramLabel = "<connection-id>", description = "the preliminary or the final id")
    String id;

    @Override
    public Integer call() {
        EventLog log = archive.eventLog(database.dataSource());
        List<LoggedEvent> events = log.ofStreams(streamsOf(log, id));
        Optional<UnreadArchive> unread = log.unreadArchive();
        if (events.isEmpty()) {
            throw ArchiveOption.notFound("no events for connection " + id, unread);
        }
        unread.ifPresent(
                missing -> ArchiveOption.note(missing, spec.commandLine().getErr()));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            output.json(out, events);
        } else {
            Output.table(
                    out,
                    List.of("POSITION", "TIME", "STREAM", "EVENT", "DETAIL"),
                    events.stream()
                            .map(e -> List.of(
                                    Long.toString(e.position()),
                                    e.timestamp().toString(),
                                    e.streamId(),
                                    e.type(),
                                    EventSummary.of(e.payload())))
                            .toList());
        }
        return 0;
    }

    /** The connection's stream and its final id's claim stream, found from whichever id was given. */
    static Set<String> streamsOf(EventLog log, String id) {
        Set<String> streams = new LinkedHashSet<>(List.of(id));
        for (LoggedEvent event : log.ofStreams(List.of(id))) {
            if (event.payload() instanceof FinalIdClaimed claim) {
                streams.add(claim.connectionId());
            } else if (event.payload() instanceof ConnectionIdMigrated migrated) {
                streams.add(migrated.finalId());
            }
        }
        return streams;
    }
}
