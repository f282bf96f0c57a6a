package dev.switchboard.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a feed announcement: the users a transaction advanced and the seq each reached, one {@code userId:seq}
 * per line. A user id may hold any character, so a backslash in it is written {@code \\} and a line break {@code \n};
 * the last colon of a line splits, as seqs hold none. A one-user announcement is therefore the per-event form that
 * nodes sent before (what one of those still sends during a rolling upgrade is read the same way).
 *
 * <p>Each payload starts with the line {@code \o} and the announcing node's id, escaped the same way, so that a node
 * can tell its own announcements from the others' (its own events reach its sockets through its local fan-out). No
 * user line can start so: an escaped backslash is {@code \\}. A node of the version before skips that line.
 *
 * <p>PostgreSQL refuses a payload of 8000 bytes or more: the users of a larger transaction are spread over several
 * announcements, each complete in itself, so no user is ever dropped.
 */
final class HeadsPayload {

    /** Under PostgreSQL's 8000 bytes, with room to spare for a server encoding that spends more than UTF-8. */
    static final int MAX_BYTES = 7_800;

    private HeadsPayload() {}

    private static final String ORIGIN = "\\o";

    /**
     * @param origin the announcing node's id
     * @return one payload, or several when the users do not fit in one; none for no users
     */
    static List<String> encode(String origin, Map<String, Long> heads) {
        String originLine = ORIGIN + escape(origin);
        int originBytes = originLine.getBytes(StandardCharsets.UTF_8).length;
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(originLine);
        int bytes = originBytes;
        for (Map.Entry<String, Long> head : heads.entrySet()) {
            String line = escape(head.getKey()) + ':' + head.getValue();
            int lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > originBytes && bytes + lineBytes > MAX_BYTES) {
                payloads.add(payload.toString());
                payload.setLength(0);
                payload.append(originLine);
                bytes = originBytes;
            }
            payload.append('\n').append(line);
            bytes += lineBytes;
        }
        if (bytes > originBytes) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /** The id of the node that announced; null for an announcement of a node of the version before, which named none. */
    static String origin(String payload) {
        if (payload == null || !payload.startsWith(ORIGIN)) {
            return null;
        }
        int end = payload.indexOf('\n');
        return unescape(payload.substring(ORIGIN.length(), end < 0 ? payload.length() : end));
    }

    /** The newest seq per user; a line that is not {@code userId:seq} is skipped (an announcement is only a hint). */
    static Map<String, Long> decode(String payload) {
        Map<String, Long> heads = new LinkedHashMap<>();
        if (payload == null) {
            return heads;
        }
        for (String line : payload.split("\n", -1)) {
            int colon = line.lastIndexOf(':');
            if (colon <= 0 || line.startsWith(ORIGIN)) {
                continue;
            }
            try {
                heads.merge(unescape(line.substring(0, colon)), Long.parseLong(line.substring(colon + 1)), Math::max);
            } catch (NumberFormatException e) {
                // not an announcement line: nothing to catch up from it
            }
        }
        return heads;
    }

    private static String escape(String userId) {
        return userId.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String unescape(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder userId = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            char next = i + 1 < escaped.length() ? escaped.charAt(i + 1) : 0;
            if (c == '\\' && (next == '\\' || next == 'n')) {
                userId.append(next == 'n' ? '\n' : '\\');
                i++;
            } else {
                userId.append(c);
            }
        }
        return userId.toString();
    }
}
