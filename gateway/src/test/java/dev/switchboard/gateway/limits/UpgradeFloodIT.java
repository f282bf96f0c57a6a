package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.RawSocket;
import dev.switchboard.gateway.support.TestSocket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Upgrades beyond an address's rate are refused with 429 and {@code Retry-After} before the upgrade: a flood of
 * upgrade-and-drop from one address writes only the upgrades its bucket let through, and other addresses are not
 * held back.
 */
class UpgradeFloodIT extends HardenedNodeTest {

    private static final int UPGRADES_PER_SECOND = 1;
    private static final int UPGRADE_BURST = 5;
    private static final int FLOOD = 30;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LimitsProperties limits;

    /**
     * The upgrade rate under test, and an unauthenticated quota the flood cannot reach: a dropped socket holds its
     * slot until the node has handled its close, so on a busy machine the quota would refuse an upgrade the bucket
     * let through (closed with 4029, nothing in the log), and this test would count it as let through.
     */
    @DynamicPropertySource
    static void upgradeRate(DynamicPropertyRegistry registry) {
        registry.add("switchboard.limits.upgrades-per-second", () -> Integer.toString(UPGRADES_PER_SECOND));
        registry.add("switchboard.limits.upgrade-burst", () -> Integer.toString(UPGRADE_BURST));
        registry.add(UNAUTHENTICATED_QUOTA_OVERRIDE, () -> Integer.toString(FLOOD));
    }

    @Test
    void aFloodBeyondTheBurstIsRefusedWith429AndRetryAfterAndTheLogHoldsOnlyTheUpgradesLetThrough() throws IOException {
        assertThat(limits.unauthenticatedPerAddress())
                .as("the quota of unauthenticated sockets this test lifts")
                .isEqualTo(FLOOD);
        String address = newAddress();
        long started = System.nanoTime();
        int accepted = 0;
        List<RawSocket.Head> refused = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            RawSocket.Head answer = RawSocket.upgradeAndDrop(port, Map.of("X-Forwarded-For", address));
            if (answer.status() == 101) {
                accepted++;
            } else {
                refused.add(answer);
            }
        }
        long refilled = (System.nanoTime() - started) / 1_000_000_000L + 1;

        assertThat(accepted).isBetween(UPGRADE_BURST, UPGRADE_BURST + (int) refilled * UPGRADES_PER_SECOND);
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(429);
            // at one upgrade a second, the next is at most a second away
            assertThat(answer.headers()).containsEntry("retry-after", "1");
        });
        int letThrough = accepted;
        await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(eventsOfConnectionsFrom(address))
                .as("an open and a close for each upgrade let through, nothing for the refused ones")
                .containsOnlyKeys("ConnectionOpened", "ConnectionClosed")
                .containsEntry("ConnectionOpened", letThrough)
                .containsEntry("ConnectionClosed", letThrough));

        try (TestSocket elsewhere = connectFrom(newAddress())) {
            elsewhere.expect("welcome");
        }
        await().atMost(TestSocket.WAIT)
                .until(() -> RawSocket.upgradeAndDrop(port, Map.of("X-Forwarded-For", address))
                                .status()
                        == 101);
    }

    /** Events by type, of every connection whose opening recorded this address. */
    private Map<String, Integer> eventsOfConnectionsFrom(String address) {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.queryForList(
                        "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier IN ("
                                + "SELECT aggregate_identifier FROM domain_event_entry "
                                + "WHERE payload_type LIKE '%.ConnectionOpened' "
                                + "AND convert_from(payload, 'UTF8') LIKE ?)",
                        String.class, "%\"remoteAddress\":\"" + address + "\"%")
                .forEach(type -> counts.merge(type.substring(type.lastIndexOf('.') + 1), 1, Integer::sum));
        return counts;
    }
}
