package dev.switchboard.api.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectionCodeTest {

    /** Clients, logs and metrics match on these strings, so they are spelled out rather than derived. */
    @Test
    void everyCodeHasTheSnakeCaseFormClientsSee() {
        Map<RejectionCode, String> expected = new LinkedHashMap<>();
        expected.put(RejectionCode.CONNECTION_EXISTS, "connection_exists");
        expected.put(RejectionCode.UNKNOWN_CONNECTION, "unknown_connection");
        expected.put(RejectionCode.NOT_AUTHENTICATED, "not_authenticated");
        expected.put(RejectionCode.ALREADY_AUTHENTICATED, "already_authenticated");
        expected.put(RejectionCode.USER_MISMATCH, "user_mismatch");
        expected.put(RejectionCode.NOT_MIGRATED, "not_migrated");
        expected.put(RejectionCode.ALREADY_MIGRATED, "already_migrated");
        expected.put(RejectionCode.FINAL_ID_TAKEN, "final_id_taken");
        expected.put(RejectionCode.INVALID_FINAL_ID, "invalid_final_id");
        expected.put(RejectionCode.ALREADY_READY, "already_ready");
        expected.put(RejectionCode.CONNECTION_CLOSED, "connection_closed");
        expected.put(RejectionCode.INVALID_USER_ID, "invalid_user_id");

        Map<RejectionCode, String> actual = new LinkedHashMap<>();
        Arrays.stream(RejectionCode.values()).forEach(code -> actual.put(code, code.code()));
        assertEquals(expected, actual);
    }
}
