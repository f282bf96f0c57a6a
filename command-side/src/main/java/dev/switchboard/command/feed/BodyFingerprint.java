package dev.switchboard.command.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * What an idempotency key stands for: the SHA-256 of the event's run id, name and data as JSON with every object's
 * fields in name order, so the same event sent twice has the same fingerprint however its publisher ordered the
 * fields. The user is not in it: a key belongs to one user's feed.
 */
final class BodyFingerprint {

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private BodyFingerprint() {}

    /** @throws IllegalArgumentException when the data cannot be written as JSON */
    static byte[] of(PublishAgentEvent event) {
        Map<String, Object> data = event.data() == null ? Map.of() : event.data();
        try {
            byte[] json = CANONICAL.writeValueAsBytes(Arrays.asList(event.runId(), event.event(), data));
            return MessageDigest.getInstance("SHA-256").digest(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An agent event's data must be a JSON object.", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether a key stored with {@code stored} may stand for an event with {@code fingerprint}. */
    static boolean matches(byte[] stored, byte[] fingerprint) {
        // a key stored before fingerprints were kept stands for any body, as it did then
        return stored == null || MessageDigest.isEqual(stored, fingerprint);
    }
}
