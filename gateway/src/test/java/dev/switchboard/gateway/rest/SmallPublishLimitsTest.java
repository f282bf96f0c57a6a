package dev.switchboard.gateway.rest;

import org.springframework.test.context.TestPropertySource;

/**
 * A node whose publish limits a test can reach: batches of 3 events in bodies of 2 KB and single events of 1 KB over
 * HTTP, and a feed writer
 * that commits 2 events at a time and lets a caller wait 1 ms at most behind its queue. The subclasses share it.
 */
@TestPropertySource(
        properties = {
            "switchboard.limits.publish-batch-events=3",
            "switchboard.limits.publish-batch-body=2KB",
            "switchboard.limits.publish-event-body=1KB",
            "switchboard.command.feed.max-batch-size=2",
            "switchboard.command.feed.max-queue-delay=1ms"
        })
abstract class SmallPublishLimitsTest extends ApiIntegrationTest {}
