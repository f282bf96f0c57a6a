package dev.switchboard.query.registry;

/**
 * The event a registry write comes from. Live, the projection runs inside the append's transaction and knows only
 * the event's id (its position is read back in the same statement); a replay knows the position too.
 */
public record EventRef(String eventId, Long position) {

    public static EventRef live(String eventId) {
        return new EventRef(eventId, null);
    }

    public static EventRef at(String eventId, long position) {
        return new EventRef(eventId, position);
    }
}
