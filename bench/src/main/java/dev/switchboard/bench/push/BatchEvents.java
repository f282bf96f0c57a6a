package dev.switchboard.bench.push;

import java.nio.charset.StandardCharsets;

/**
 * The events of the batch figure, as request bodies and as COPY rows of the same shape: event i is an
 * {@code agent_thinking} of run {@code bench} for user {@code prefix + i % users}, data {@code {"n":i}}, no
 * idempotency key; in a row it has the seq the user's feed would give it.
 */
final class BatchEvents {

    /** The COPY baseline's table: the event's fields, its seq, and the feed's unique key (user, seq). */
    static final String TABLE = "bench_batch_copy";

    static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (user_id TEXT NOT NULL, seq BIGINT NOT NULL, "
            + "run_id TEXT NOT NULL, event TEXT NOT NULL, data TEXT NOT NULL, idempotency_key TEXT, "
            + "PRIMARY KEY (user_id, seq))";

    private final String prefix;
    private final int users;

    BatchEvents(String prefix, int users) {
        this.prefix = prefix;
        this.users = users;
    }

    /** {@code {"events":[...]}} of events {@code first} to {@code first + size - 1}. */
    String body(long first, int size) {
        var body = new StringBuilder(size * 110).append("{\"events\":[");
        for (long i = first; i < first + size; i++) {
            if (i > first) {
                body.append(',');
            }
            Publish.batchEvent(body, user(i), data(i));
        }
        return body.append("]}").toString();
    }

    /** Events 0 to {@code count - 1} in COPY's text format. */
    byte[] rows(long count) {
        var rows = new StringBuilder((int) Math.min(Integer.MAX_VALUE, count * 60));
        for (long i = 0; i < count; i++) {
            rows.append(user(i))
                    .append('\t')
                    .append(i / users + 1)
                    .append("\tbench\tagent_thinking\t")
                    .append(data(i))
                    .append("\t\\N\n");
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What every user id of these events starts with. */
    String prefix() {
        return prefix;
    }

    String user(long event) {
        return prefix + event % users;
    }

    private static String data(long event) {
        return "{\"n\":" + event + "}";
    }
}
