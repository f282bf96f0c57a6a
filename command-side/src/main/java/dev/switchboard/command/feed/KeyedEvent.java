package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;

/**
 * An event an idempotency key stands for, with the fingerprint of the body it was sent with.
 *
 * @param fingerprint see {@link BodyFingerprint}; null for a key stored before fingerprints were kept
 */
record KeyedEvent(AgentEventPublished event, byte[] fingerprint) {}
