package dev.switchboard.command.feed;

/** Two nodes' writers on one PostgreSQL database. */
class TwoNodesOnPostgresIT extends TwoNodesTests {

    @Override
    FeedDatabase database() {
        return FeedDatabase.postgres();
    }
}
