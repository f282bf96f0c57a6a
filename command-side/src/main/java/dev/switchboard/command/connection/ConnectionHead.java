package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionState;

/**
 * A connection's state as of the last event this node committed for it, and the sequence number its next event takes:
 * what {@link DecidedSteps} needs to decide a step without loading the stream. Never CLOSED: a closed connection
 * takes no decided step.
 */
record ConnectionHead(String connectionId, ConnectionState state, long nextSequence, String userId, String finalId) {}
