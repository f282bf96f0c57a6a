package dev.switchboard.gateway.rest;

import dev.switchboard.audit.timeline.LogBound;
import dev.switchboard.audit.timeline.LogWindow;
import dev.switchboard.audit.timeline.Timeline;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.gateway.audit.ArchiveNotice;
import dev.switchboard.gateway.auth.VerifiedToken;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Race replays: what the log says happened, step by step, with the state machine's and the registry's view after
 * each step, re-run in memory. The answer is the audit module's {@link Timeline} as is, so the API, the CLI and
 * exported fixtures share one JSON shape.
 */
@RestController
class TimelineController {

    private final VisibleConnections visible;
    private final Timelines timelines;
    private final ArchiveNotice archive;

    TimelineController(VisibleConnections visible, Timelines timelines, ArchiveNotice archive) {
        this.visible = visible;
        this.timelines = timelines;
        this.archive = archive;
    }

    /** Either id; the same visibility as the connection's history. */
    @GetMapping("/api/connections/{id}/timeline")
    ResponseEntity<Timeline> ofConnection(@PathVariable String id, @AuthenticationPrincipal VerifiedToken caller) {
        visible.find(id, caller); // 404 for another user's connection, like an unknown one
        return archive.ok(timelines.ofConnection(id).orElseThrow(ApiException::connectionNotFound));
    }

    /**
     * Every connection of the user and its agent events, interleaved in log order. {@code from} and {@code to} are
     * log positions or ISO-8601 instants, both optional and inclusive.
     */
    @GetMapping("/api/users/{userId}/timeline")
    ResponseEntity<Timeline> ofUser(
            @PathVariable String userId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @AuthenticationPrincipal VerifiedToken caller) {
        if (!caller.hasScope(VerifiedToken.ADMIN) && !userId.equals(caller.userId())) {
            throw ApiException.forbidden(
                    "A user token reads its own timeline only; another user's needs a token " + "with scope admin.");
        }
        return archive.ok(timelines.ofUser(userId, new LogWindow(bound("from", from), bound("to", to))));
    }

    private static LogBound bound(String name, String value) {
        try {
            return LogBound.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid_request",
                    name + " must be a log position (an integer) or an "
                            + "ISO-8601 instant such as 2026-01-01T12:00:00Z.");
        }
    }
}
