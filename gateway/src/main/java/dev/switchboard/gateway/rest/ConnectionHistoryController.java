package dev.switchboard.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.audit.ArchiveNotice;
import dev.switchboard.gateway.audit.StoredHistory;
import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.query.history.HistoryEntry;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What happened to one connection, event by event, as the log holds it: what an engineer on call replays when a user
 * says the agent's answer never arrived. Refused commands are part of it.
 */
@RestController
class ConnectionHistoryController {

    /** @param payload the event as stored, embedded as JSON rather than as a string */
    record Event(long position, Instant timestamp, String type, JsonNode payload) {}

    record History(List<Event> events) {}

    private final VisibleConnections visible;
    private final StoredHistory history;
    private final ObjectMapper json;
    private final ArchiveNotice archive;

    ConnectionHistoryController(
            VisibleConnections visible, StoredHistory history, ObjectMapper json, ArchiveNotice archive) {
        this.visible = visible;
        this.history = history;
        this.json = json;
        this.archive = archive;
    }

    @GetMapping("/api/connections/{id}/history")
    ResponseEntity<History> history(@PathVariable String id, @AuthenticationPrincipal VerifiedToken caller) {
        var connection = visible.find(id, caller);
        // the final id's stream holds its claim; connectionId is the preliminary id until the connection migrates
        var streams = new LinkedHashSet<>(List.of(connection.preliminaryId(), connection.connectionId()));
        return archive.ok(
                new History(history.of(streams).stream().map(this::event).toList()));
    }

    private Event event(HistoryEntry entry) {
        try {
            return new Event(entry.position(), entry.timestamp(), entry.type(), json.readTree(entry.payloadJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + entry.position() + " has a payload that is not JSON", e);
        }
    }
}
