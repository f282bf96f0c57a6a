package dev.switchboard.gateway.cluster;

import java.util.List;

/**
 * A PostgreSQL channel on which nodes tell each other something, and what this node does with what it hears there.
 * An announcement is a hint to look now, never the only way a node learns a thing: it is lost while a listener is
 * away, so each channel says how to look again.
 */
public interface AnnouncementChannel {

    /** The channel's name, for {@code LISTEN} and {@code pg_notify}. */
    String name();

    /** Payloads heard on the channel, in commit order; on the listener's thread, so long work is handed off. */
    void heard(List<String> payloads);

    /** The listener was away (its first connect, a reconnect): what was announced meanwhile is lost, so look again. */
    void missedSome();
}
