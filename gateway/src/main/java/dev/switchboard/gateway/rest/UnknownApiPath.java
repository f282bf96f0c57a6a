package dev.switchboard.gateway.rest;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other path under {@code /api}, or a method a path does not answer: a 404 in the API's error shape rather than
 * the framework's page. Every mapping of a controller is more specific than this one, so it never shadows them.
 */
@Hidden // a fallback, not an endpoint
@RestController
class UnknownApiPath {

    @RequestMapping("/api/**")
    void unknown() {
        throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no such API endpoint.");
    }
}
