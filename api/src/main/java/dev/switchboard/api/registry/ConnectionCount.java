package dev.switchboard.api.registry;

import dev.switchboard.api.connection.ConnectionState;

public record ConnectionCount(ConnectionState state, String nodeId, long count) {}
