package dev.switchboard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.InMemoryRegistryStore;
import dev.switchboard.query.registry.RegistryProjector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replay that reads only {@link RegistryEvents#TYPES} must miss no event that changes a registry row. */
class RegistryEventsTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void listsExactlyTheConnectionEventsThatChangeARegistryRow() {
        List<ConnectionEvent> oneOfEach = List.of(
                new ConnectionOpened("c", "n", "a", AT),
                new ConnectionAuthenticated("c", "u", AT, AT),
                new ConnectionIdMigrated("c", "f", "u", AT),
                new FinalIdClaimed("f", "c", AT),
                new ConnectionMarkedReady("c", "f", AT),
                new ConnectionTokenRefreshed("c", AT, AT),
                new ConnectionClosed("c", ConnectionState.READY, CloseReason.CLIENT_CLOSED, null, "n", AT),
                new ConnectionCommandRejected(
                        "c", "X", Map.of(), ConnectionState.CLOSED, RejectionCode.CONNECTION_CLOSED, "r", AT));
        assertThat(oneOfEach)
                .extracting(Object::getClass)
                .containsExactlyInAnyOrder(ConnectionEvent.class.getPermittedSubclasses());

        var store = new InMemoryRegistryStore();
        var projector = new RegistryProjector(store);
        List<Class<?>> changing = new ArrayList<>();
        long position = 1;
        for (ConnectionEvent event : oneOfEach) {
            var before = store.rows();
            projector.apply(event, EventRef.at("e" + position, position++));
            if (!store.rows().equals(before)) {
                changing.add(event.getClass());
            }
        }

        assertThat(changing).containsExactlyInAnyOrderElementsOf(RegistryEvents.TYPES);
    }
}
