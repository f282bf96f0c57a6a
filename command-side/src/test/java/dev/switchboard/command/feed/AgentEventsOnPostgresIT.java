package dev.switchboard.command.feed;

/** A publisher's view of the feed on PostgreSQL. */
class AgentEventsOnPostgresIT extends AgentEventsTests {

    @Override
    FeedDatabase database() {
        return FeedDatabase.postgres();
    }
}
