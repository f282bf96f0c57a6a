package dev.switchboard.api.registry;

import dev.switchboard.api.connection.ConnectionState;

/** Which connections does this user have, in this state (all states when null)? Answers a list of views. */
public record ListUserConnections(String userId, ConnectionState state) {}
