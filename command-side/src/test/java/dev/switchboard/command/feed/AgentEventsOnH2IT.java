package dev.switchboard.command.feed;

/** A publisher's view of the feed on the embedded H2 a node without a datasource runs on. */
class AgentEventsOnH2IT extends AgentEventsTests {

    @Override
    FeedDatabase database() {
        return FeedDatabase.h2();
    }
}
