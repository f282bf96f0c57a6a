package dev.switchboard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.InMemoryRegistryStore;
import dev.switchboard.query.registry.RegistryProjector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A replay that reads only the registry's fields of each event must project the rows the whole events project. */
class RegistryPayloadsTest {

    private static final ObjectMapper JSON = EventLogFormat.objectMapper();
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456789Z");

    @Test
    void eventsReadWithTheRegistryFieldsOnlyProjectTheSameRowsAsTheWholeEvents() throws Exception {
        List<ConnectionEvent> lifecycle = List.of(
                new ConnectionOpened("c", "node-1", "10.0.0.1", AT),
                new ConnectionAuthenticated("c", "user-1", AT.plusSeconds(3600), AT.plusMillis(1)),
                new ConnectionIdMigrated("c", "final-1", "user-1", AT.plusMillis(2)),
                new ConnectionMarkedReady("c", "final-1", AT.plusMillis(3)),
                new ConnectionClosed(
                        "c",
                        ConnectionState.READY,
                        CloseReason.SLOW_CONSUMER,
                        "queue full",
                        "node-2",
                        AT.plusSeconds(5)));
        assertThat(lifecycle).extracting(Object::getClass).containsExactlyElementsOf(RegistryEvents.TYPES);

        var whole = new InMemoryRegistryStore();
        var read = new InMemoryRegistryStore();
        long position = 1;
        for (ConnectionEvent event : lifecycle) {
            new RegistryProjector(whole).apply(event, EventRef.at("e" + position, position));
            Object decoded = RegistryPayloads.read(event.getClass(), JSON.writeValueAsBytes(event));
            assertThat(decoded).isInstanceOf(event.getClass());
            new RegistryProjector(read).apply((ConnectionEvent) decoded, EventRef.at(null, position));
            assertThat(read.rows()).as("after " + event).isEqualTo(whole.rows());
            position++;
        }
    }

    @Test
    void payloadsInAnotherFormAreReadByTheLogsMapper() throws Exception {
        byte[] numericTime = "{\"connectionId\":\"c\",\"nodeId\":\"n\",\"at\":1700000000.5,\"extra\":{\"a\":[1]}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RegistryPayloads.read(ConnectionOpened.class, numericTime))
                .isEqualTo(new ConnectionOpened("c", "n", null, Instant.ofEpochSecond(1_700_000_000, 500_000_000)));
    }

    @Test
    void parsesTimesAsInstantParseDoes() {
        var random = new Random(6);
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertThat(RegistryPayloads.instant(at.toString())).isEqualTo(at);
        }
        for (String text : List.of(
                "2026-01-01T00:00:00.5Z",
                "2026-01-01T00:00:00.12345678Z",
                "2016-12-31T23:59:60Z",
                "+12026-01-01T00:00:00Z",
                "2026-01-01T00:00:00+01:00")) {
            assertThat(RegistryPayloads.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }
}
