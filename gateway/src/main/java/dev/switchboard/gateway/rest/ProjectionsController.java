package dev.switchboard.gateway.rest;

import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.rebuild.RegistryRebuilds;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry projection for operators: where it stands, and a rebuild from the log while the node serves. A rebuild
 * switches the live registry only when it equals the replay, unless {@code repair=true} lets the log win (see
 * {@code RegistryRebuild}).
 */
@RestController
@RequestMapping("/api/projections/registry")
class ProjectionsController {

    private final RegistryRebuilds rebuilds;
    private final Clock clock;

    ProjectionsController(RegistryRebuilds rebuilds, Clock clock) {
        this.rebuilds = rebuilds;
        this.clock = clock;
    }

    @GetMapping
    ProjectionResponse status(@AuthenticationPrincipal VerifiedToken caller) {
        requireAdmin(caller);
        // position before head: a command committing between the two reads then shows as lag, never as a negative one
        long position = rebuilds.livePosition();
        return ProjectionResponse.of(rebuilds.status(), position, rebuilds.head(), clock.instant());
    }

    /** 202 with the claimed status once the rebuild is started; 409 when one is already running anywhere. */
    @PostMapping("/rebuild")
    ResponseEntity<ProjectionResponse> rebuild(
            @RequestParam(defaultValue = "false") boolean repair, @AuthenticationPrincipal VerifiedToken caller) {
        requireAdmin(caller);
        var started = rebuilds.start(repair)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.CONFLICT,
                        "rebuild_running",
                        "A rebuild of this projection is already running; follow it with GET "
                                + "/api/projections/registry."));
        long position = rebuilds.livePosition();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ProjectionResponse.of(started, position, rebuilds.head(), clock.instant()));
    }

    private static void requireAdmin(VerifiedToken caller) {
        // also enforced by the filter chain, before this is reached
        if (!caller.hasScope(VerifiedToken.ADMIN)) {
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.ADMIN + ".");
        }
    }
}
