package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An announcement says which users reached which seq, whatever their ids hold, in payloads PostgreSQL accepts. */
class HeadsPayloadTest {

    @Test
    void aTransactionOfSeveralUsersIsOnePayloadOfOneLineEach() {
        Map<String, Long> heads = new LinkedHashMap<>();
        heads.put("alice", 12L);
        heads.put("bob", 3L);

        assertThat(HeadsPayload.encode("node-a", heads)).containsExactly("\\onode-a\nalice:12\nbob:3");
        assertThat(HeadsPayload.decode("\\onode-a\nalice:12\nbob:3")).isEqualTo(heads);
    }

    @Test
    void everyPayloadNamesTheNodeThatAnnouncedItWhateverItsIdHolds() {
        Map<String, Long> heads = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            heads.put("user-" + i + "-" + "é".repeat(100), (long) i + 1);
        }
        String node = "host:8080\\b\nc";

        List<String> payloads = HeadsPayload.encode(node, heads);

        assertThat(payloads).hasSizeGreaterThan(1);
        assertThat(payloads)
                .allSatisfy(payload -> assertThat(HeadsPayload.origin(payload)).isEqualTo(node));
        assertThat(payloads)
                .allSatisfy(payload -> assertThat(HeadsPayload.decode(payload)).doesNotContainKey("\\ohost:8080"));
    }

    @Test
    void anAnnouncementOfAnOlderNodeNamesNoOrigin() {
        assertThat(HeadsPayload.origin("alice:12\nbob:3")).isNull();
        assertThat(HeadsPayload.origin(null)).isNull();
    }

    @Test
    void anAnnouncementOfAnOlderNodeIsReadAsOneUser() {
        assertThat(HeadsPayload.decode("tenant:alice:7")).isEqualTo(Map.of("tenant:alice", 7L));
    }

    @Test
    void userIdsWithColonsBackslashesAndLineBreaksComeBackAsTheyWere() {
        Map<String, Long> heads = new LinkedHashMap<>();
        heads.put("a:b", 1L);
        heads.put("back\\slash\\n", 2L);
        heads.put("two\nlines", 3L);
        heads.put("ünïcødé ✓", 4L);

        List<String> payloads = HeadsPayload.encode("node-a", heads);

        assertThat(payloads).hasSize(1);
        assertThat(HeadsPayload.decode(payloads.get(0))).isEqualTo(heads);
    }

    @Test
    void usersThatDoNotFitInOnePayloadAreSpreadOverSeveralAndNoneIsLost() {
        Map<String, Long> heads = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            heads.put("user-" + i + "-" + "é".repeat(100), (long) i + 1);
        }

        List<String> payloads = HeadsPayload.encode("node-a", heads);

        assertThat(payloads).hasSizeGreaterThan(1);
        assertThat(payloads).allSatisfy(payload -> assertThat(payload.getBytes(StandardCharsets.UTF_8).length)
                .isLessThan(8000));
        Map<String, Long> decoded = new LinkedHashMap<>();
        payloads.forEach(payload -> decoded.putAll(HeadsPayload.decode(payload)));
        assertThat(decoded).isEqualTo(heads);
    }

    @Test
    void aLineThatIsNoAnnouncementIsSkipped() {
        assertThat(HeadsPayload.decode("garbage\n:5\nbob:x\ncarol:9")).isEqualTo(Map.of("carol", 9L));
        assertThat(HeadsPayload.decode(null)).isEmpty();
        assertThat(HeadsPayload.encode("node-a", Map.of())).isEmpty();
    }
}
