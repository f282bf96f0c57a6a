package dev.switchboard.audit.log;

import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import java.util.List;

/**
 * The event types that change a registry row ({@code RegistryProjector}): a replay of the registry reads only their
 * payloads. Feed events, claims, refusals and token refreshes are most of a busy log and change no row.
 * {@code RegistryEventsTest} holds this list to the projector's.
 */
public final class RegistryEvents {

    public static final List<Class<?>> TYPES = List.of(
            ConnectionOpened.class,
            ConnectionAuthenticated.class,
            ConnectionIdMigrated.class,
            ConnectionMarkedReady.class,
            ConnectionClosed.class);

    private RegistryEvents() {}
}
