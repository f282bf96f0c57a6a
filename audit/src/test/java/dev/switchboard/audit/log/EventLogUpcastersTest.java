package dev.switchboard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.ConnectionOpened;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.junit.jupiter.api.Test;

/** Old histories stay readable: a stored event of an earlier revision reads as the current one. */
class EventLogUpcastersTest {

    @Test
    void aRevisionOneConnectionOpenedReadsAsRevisionTwoWithAnUnknownAddress() throws IOException {
        byte[] stored = resource("/events/ConnectionOpened-revision-1.json");
        var entry = new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(42),
                new GenericDomainEventEntry<>(
                        "Connection",
                        "pre_0d6c1f2a-7b51-4bde-9d53-8f3f3c0e2a11",
                        0,
                        "event-1",
                        "2026-11-28T01:45:35.262Z",
                        ConnectionOpened.class.getName(),
                        "1",
                        stored,
                        "{}".getBytes()));

        List<LoggedEvent> decoded = new ArrayList<>();
        EventLog.decode(entry, EventLogFormat.serializer(), EventLogUpcasters.chain(), decoded::add);

        assertThat(decoded).singleElement().satisfies(event -> {
            assertThat(event.position()).isEqualTo(42);
            assertThat(event.payload())
                    .isEqualTo(new ConnectionOpened(
                            "pre_0d6c1f2a-7b51-4bde-9d53-8f3f3c0e2a11",
                            "gw-1-8080",
                            null,
                            Instant.parse("2026-11-28T01:45:35.260878935Z")));
        });
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = EventLogUpcastersTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
