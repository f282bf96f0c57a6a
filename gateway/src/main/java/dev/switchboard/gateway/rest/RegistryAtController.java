package dev.switchboard.gateway.rest;

import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistrySnapshot;
import dev.switchboard.gateway.audit.ArchiveNotice;
import dev.switchboard.gateway.auth.VerifiedToken;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry as it stood at a log position or a time, replayed from the log in memory. For operators only: it
 * shows every user's connections, and it reads the whole log up to that moment, so a node that lacks archived events
 * refuses (409 {@code archive_not_read}) rather than answer without their connections.
 */
@RestController
class RegistryAtController {

    private final RegistryAt registryAt;
    private final ArchiveNotice archive;

    RegistryAtController(RegistryAt registryAt, ArchiveNotice archive) {
        this.registryAt = registryAt;
        this.archive = archive;
    }

    @GetMapping("/api/registry/at")
    RegistrySnapshot at(
            @RequestParam(required = false) String position,
            @RequestParam(required = false) String time,
            @AuthenticationPrincipal VerifiedToken caller) {
        if (!caller.hasScope(VerifiedToken.ADMIN)) {
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.ADMIN + ".");
        }
        boolean byPosition = position != null && !position.isBlank();
        boolean byTime = time != null && !time.isBlank();
        if (byPosition == byTime) {
            throw ApiException.badRequest("invalid_request", "Give exactly one of position and time.");
        }
        // a replay without archived events leaves out their connections, as the CLI's registry-at refuses to
        archive.unread().ifPresent(unread -> {
            throw ApiException.archiveNotRead(unread);
        });
        return byPosition ? registryAt.at(position(position)) : registryAt.atTime(time(time));
    }

    private static long position(String text) {
        try {
            long position = Long.parseLong(text.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below, like a negative position
        }
        throw ApiException.badRequest("invalid_request", "position must be a log position, an integer of 0 or more.");
    }

    private static Instant time(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid_request", "time must be an ISO-8601 instant such as 2026-01-01T12:00:00Z.");
        }
    }
}
