package dev.switchboard.command.connection;

/**
 * The connection aggregate's class, and nothing more of it. The aggregate stays package-private, so that production
 * code reaches it only through {@link ConnectionCommands}; a class object lets Axon build and drive it, as it does on a
 * node, but lets no caller construct it or call its handlers.
 */
public final class ConnectionAggregateType {

    private ConnectionAggregateType() {}

    /** Public for test-support, whose race fixtures replay each recorded step through Axon's AggregateTestFixture. */
    public static Class<?> get() {
        return Connection.class;
    }
}
