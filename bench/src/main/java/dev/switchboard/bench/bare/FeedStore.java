package dev.switchboard.bench.bare;

import java.sql.SQLException;

/** Where the push floor keeps an event before its sockets get it: nowhere, or a row of a table ({@link DurableRows}). */
interface FeedStore {

    FeedStore NONE = (userId, seq, event) -> {};

    /** Returns once the event is kept; throws when it could not be, and the event is then not delivered either. */
    void append(String userId, long seq, String event) throws SQLException;
}
