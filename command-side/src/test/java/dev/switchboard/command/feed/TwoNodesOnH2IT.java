package dev.switchboard.command.feed;

/** Two writers on one embedded H2 database (one node's file in production; two here, to make conflicts). */
class TwoNodesOnH2IT extends TwoNodesTests {

    @Override
    FeedDatabase database() {
        return FeedDatabase.h2();
    }
}
