package dev.switchboard.gateway.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The error answers of each endpoint, by status, with the {@code error} codes each status carries: what the OpenAPI
 * document shows next to the success answer. Every endpoint under {@code /api} may also answer 401 (no or a refused
 * token), 500 {@code internal_error} and 503 {@code unavailable} (the database does not answer).
 */
final class ApiErrorTable {

    static final Map<String, String> EVERY_ENDPOINT = Map.of(
            "500",
            "`internal_error`: the server failed; the cause is in its log, never in the answer",
            "401",
            "`missing_token`: no bearer token; `invalid_token`: the token was refused, its `reason` says why "
                    + "(`token_expired`, `token_invalid`, …)",
            "503",
            "`unavailable`: the database does not answer; nothing was done. Retry after `Retry-After` seconds");

    private static final String FORBIDDEN =
            "`forbidden`: the token lacks the scope the call needs, or the user may " + "not see what it asks for";
    private static final String NOT_FOUND =
            "`connection_not_found`: no connection with this id is visible to the token";
    private static final Map<String, String> PUSH = ordered(
            "400",
            "`invalid_request`: a field breaks a rule (named in the message); `malformed_request`: not JSON, "
                    + "or a field of the wrong JSON type",
            "403",
            FORBIDDEN,
            "409",
            "`idempotency_key_reused`: the key stands for another event; nothing appended",
            "413",
            "`too_large`: the body is over the limit, refused before it is parsed",
            "415",
            "`unsupported_media_type`: the body is not sent as application/json",
            "503",
            "`unavailable` (the database does not answer) or `overloaded` (the feed writer is behind); "
                    + "nothing appended, retry after `Retry-After` seconds");

    /** By "METHOD path" as springdoc lists the operation. */
    static final Map<String, Map<String, String>> BY_ENDPOINT = Map.ofEntries(
            Map.entry("POST /api/users/{userId}/events", PUSH),
            Map.entry("POST /api/events", PUSH),
            Map.entry(
                    "GET /api/connections",
                    ordered("400", "`invalid_request`: a bad state or limit", "403", FORBIDDEN)),
            Map.entry("GET /api/connections/{id}", Map.of("404", NOT_FOUND)),
            Map.entry(
                    "DELETE /api/connections/{id}",
                    ordered(
                            "403", FORBIDDEN,
                            "404", NOT_FOUND,
                            "409", "the connection refused the close; the code is its rejection code")),
            Map.entry("GET /api/connections/{id}/history", Map.of("404", NOT_FOUND)),
            Map.entry("GET /api/connections/{id}/timeline", Map.of("404", NOT_FOUND)),
            Map.entry(
                    "GET /api/users/{userId}/timeline",
                    ordered(
                            "400",
                            "`invalid_request`: a bound is neither a position nor an ISO instant",
                            "403",
                            FORBIDDEN)),
            Map.entry("GET /api/nodes", Map.of("403", FORBIDDEN)),
            Map.entry(
                    "GET /api/registry/at",
                    ordered(
                            "400",
                            "`invalid_request`: not exactly one of position and time, or a bad value",
                            "403",
                            FORBIDDEN,
                            "409",
                            "`archive_not_read`: events were archived and this node does not read them all (no "
                                    + "`SWITCHBOARD_ARCHIVE_DIR`, or one that lacks segments); nothing was replayed")),
            Map.entry(
                    "GET /api/registry/live",
                    ordered(
                            "403",
                            FORBIDDEN,
                            "503",
                            "`too_many_watchers`: the node streams to as many consoles as "
                                    + "it allows; `unavailable`: the database does not answer")),
            Map.entry("GET /api/projections/registry", Map.of("403", FORBIDDEN)),
            Map.entry("GET /api/retention", Map.of("403", FORBIDDEN)),
            Map.entry(
                    "POST /api/projections/registry/rebuild",
                    ordered("403", FORBIDDEN, "409", "`rebuild_running`: a rebuild is already running")));

    private ApiErrorTable() {}

    /** The errors of one endpoint, those of every endpoint included, by status in ascending order. */
    static Map<String, String> of(String method, String path) {
        Map<String, String> errors = new TreeMap<>(EVERY_ENDPOINT);
        errors.putAll(BY_ENDPOINT.getOrDefault(method + " " + path, Map.of()));
        return errors;
    }

    private static Map<String, String> ordered(String... statusAndText) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < statusAndText.length; i += 2) {
            map.put(statusAndText[i], statusAndText[i + 1]);
        }
        return map;
    }
}
