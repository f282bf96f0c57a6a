package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

/** The metadata bytes written without the serializer read back as what the serializer writes. */
class FeedMetaDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Serializer serializer = FeedDatabase.serializer();
    private final FeedMetaData metaData = new FeedMetaData(serializer);

    @Test
    void aNodesIdIsWrittenAsTheSerializerWritesIt() throws Exception {
        String id = UUID.randomUUID().toString();

        assertThat(FeedMetaData.isPlain(id)).isTrue();
        assertThat(JSON.readTree(metaData.of(id)))
                .isEqualTo(JSON.readTree(serialized(id)))
                .isEqualTo(JSON.createObjectNode().put("traceId", id).put("correlationId", id));
        assertThat(read(metaData.of(id))).isEqualTo(FeedMetaData.forMessage(id));
    }

    @Test
    void anIdJsonWouldEscapeGoesThroughTheSerializer() throws Exception {
        for (String id : new String[] {"with \"quotes\"", "back\\slash", "é-accent", "tab\there", ""}) {
            assertThat(FeedMetaData.isPlain(id)).as(id).isEqualTo(id.isEmpty());
            assertThat(read(metaData.of(id))).as(id).isEqualTo(FeedMetaData.forMessage(id));
        }
    }

    private byte[] serialized(String id) {
        return serializer.serialize(FeedMetaData.forMessage(id), byte[].class).getData();
    }

    private MetaData read(byte[] bytes) {
        return serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, MetaData.class.getName(), null));
    }
}
