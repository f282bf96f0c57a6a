package dev.switchboard.command.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.xml.XStreamSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A payload written in parts is, byte for byte, what the log's serializer writes for the same event. */
class FeedPayloadsTest {

    private final Serializer serializer = FeedDatabase.serializer();
    private final FeedPayloads payloads = new FeedPayloads(serializer);

    static Stream<PublishAgentEvent> events() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("tool", "search");
        nested.put("args", Map.of("q", "wie spät ist es? \"jetzt\"\n"));
        nested.put("scores", List.of(1, 2.5, -3, true));
        nested.put("missing", null);
        return Stream.of(
                new PublishAgentEvent("alice", "run-1", "agent_started", Map.of(), null),
                new PublishAgentEvent("bob", "run-2", "tool_executing", nested, "key-7"),
                new PublishAgentEvent("ünïcødé \"user\"", null, "agent_thinking", null, "k\\ey"),
                new PublishAgentEvent("carol", "run-3", "agent_completed", Map.of("text", "😀 ".repeat(300)), null));
    }

    @ParameterizedTest
    @MethodSource("events")
    void aPayloadIsWhatTheSerializerWrites(PublishAgentEvent command) {
        for (Instant at : List.of(
                Instant.parse("2026-12-05T15:00:00Z"),
                Instant.parse("2026-12-05T15:00:00.120Z"),
                Instant.parse("2026-12-05T15:00:00.123456789Z"))) {
            for (long seq : List.of(1L, 9L, 10L, 123_456_789_012L)) {
                Map<String, Object> data = command.data() == null ? Map.of() : command.data();
                var event = new AgentEventPublished(
                        command.userId(), seq, command.runId(), command.event(), data, command.idempotencyKey(), at);

                byte[] written = FeedPayloads.payload(payloads.parts(command, "trace-1"), seq, payloads.time(at));

                assertThat(new String(written, UTF_8)).isEqualTo(new String(serialized(event), UTF_8));
                assertThat(written).isEqualTo(serialized(event));
                assertThat(deserialized(written)).isEqualTo(event);
            }
        }
    }

    @Test
    void thePayloadsTypeIsTheSerializers() {
        assertThat(payloads.type()).isEqualTo(serializer.typeForClass(AgentEventPublished.class));
        assertThat(payloads.type().getRevision()).isEqualTo("1");
    }

    @Test
    void aSerializerThatDoesNotWriteJsonIsRefusedWithASentence() {
        assertThatThrownBy(() -> new FeedPayloads(XStreamSerializer.defaultSerializer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("written as the log's JSON, by a JacksonSerializer");
    }

    private byte[] serialized(AgentEventPublished event) {
        return serializer.serialize(event, byte[].class).getData();
    }

    private AgentEventPublished deserialized(byte[] payload) {
        return serializer.deserialize(new SimpleSerializedObject<>(
                payload,
                byte[].class,
                payloads.type().getName(),
                payloads.type().getRevision()));
    }
}
