package dev.switchboard.gateway.rest;

/**
 * The body of every error answer of the HTTP API.
 *
 * @param error a stable snake_case code a client can switch on
 * @param message one sentence for a person; never a stack trace, an exception's name or a token
 */
record ApiError(String error, String message) {}
